import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS, startLongTimer } from './long-timer.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('startLongTimer', () => {
  it('waits the whole of a delay of 2^31 ms or more instead of firing at once', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    startLongTimer(2 ** 31 + 5_000, fired);
    vi.advanceTimersByTime(1);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5_000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('never fires for Infinity, fires a short delay on time, and cancel stops it', () => {
    vi.useFakeTimers();
    const never = vi.fn();
    const soon = vi.fn();
    const cancelled = vi.fn();
    startLongTimer(Infinity, never);
    startLongTimer(10, soon);
    startLongTimer(10, cancelled).cancel();
    vi.advanceTimersByTime(10 * MAX_TIMER_DELAY_MS);
    expect(never).not.toHaveBeenCalled();
    expect(soon).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
