import { describe, expect, it } from 'vitest';
import { WindowSizer } from './window-sizer.js';

const MiB = 1024 * 1024;

describe('WindowSizer', () => {
  it('doubles when the peer used the window up and the reader kept up, up to the maximum', () => {
    const sizer = new WindowSizer(2 * MiB, 16 * MiB);
    const sizes: number[] = [];
    for (let i = 0; i < 5; i++) {
      sizer.usedUp();
      sizer.growth(0);
      sizes.push(sizer.size);
    }
    expect(sizes).toEqual([4 * MiB, 8 * MiB, 16 * MiB, 16 * MiB, 16 * MiB]);
  });

  it('returns the bytes to add on top of the consumed ones', () => {
    const sizer = new WindowSizer(2 * MiB, 3 * MiB);
    sizer.usedUp();
    expect(sizer.growth(0)).toBe(1 * MiB);
  });

  it('does not grow while window was left over', () => {
    const sizer = new WindowSizer(2 * MiB, 16 * MiB);
    expect(sizer.growth(0)).toBe(0);
    expect(sizer.size).toBe(2 * MiB);
  });

  it('does not grow for a slow reader: the reader is the limit', () => {
    const sizer = new WindowSizer(2 * MiB, 16 * MiB);
    for (let i = 0; i < 10; i++) {
      sizer.usedUp();
      expect(sizer.growth(2 * MiB)).toBe(0);
    }
    expect(sizer.size).toBe(2 * MiB);
  });

  it('needs a new exhaustion for each step', () => {
    const sizer = new WindowSizer(2 * MiB, 16 * MiB);
    sizer.usedUp();
    sizer.growth(0);
    expect(sizer.growth(0)).toBe(0);
    expect(sizer.size).toBe(4 * MiB);
  });
});
