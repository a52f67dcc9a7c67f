import { describe, expect, it } from 'vitest';
import { MAXIMUM_WINDOW, MINIMUM_WINDOW, WindowSizer, windowForRoundTrip } from './window-sizer.js';

describe('WindowSizer', () => {
  it('starts at 2 MiB and keeps it on loopback', () => {
    const sizer = new WindowSizer(32 * 1024, undefined);
    expect(sizer.windowSize).toBe(MINIMUM_WINDOW);
    sizer.observeRoundTrip(0.4);
    expect(sizer.windowSize).toBe(MINIMUM_WINDOW);
  });

  it('sizes from the least round trip seen, in 64 KiB units, up to 16 MiB', () => {
    const sizer = new WindowSizer(32 * 1024, undefined);
    sizer.observeRoundTrip(80);
    sizer.observeRoundTrip(50);
    sizer.observeRoundTrip(400);
    expect(sizer.windowSize).toBe(windowForRoundTrip(50));
    expect(windowForRoundTrip(50) % 65536).toBe(0);
    expect(windowForRoundTrip(50)).toBeGreaterThanOrEqual(6 * 1024 * 1024);
    expect(windowForRoundTrip(10_000)).toBe(MAXIMUM_WINDOW);
  });

  it('ignores nonsense and never overrides a window the user chose', () => {
    const sizer = new WindowSizer(32 * 1024, 1024 * 1024);
    sizer.observeRoundTrip(50);
    expect(sizer.windowSize).toBe(1024 * 1024);
    const sized = new WindowSizer(32 * 1024, undefined);
    sized.observeRoundTrip(Number.NaN);
    sized.observeRoundTrip(-5);
    expect(sized.windowSize).toBe(MINIMUM_WINDOW);
  });
});
