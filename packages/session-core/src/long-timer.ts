// Timers for delays the caller chose. Node keeps a timer's delay in a
// signed 32-bit millisecond count: anything from 2^31 ms (24.8 days) up, and
// Infinity, is replaced by 1 ms with only a warning, so a long timeout would
// fire at once. Long delays are chained instead; Infinity means no timer.

/** The longest delay one Node timer keeps (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A running {@link startLongTimer}; `cancel()` stops it (idempotent). */
export interface LongTimer {
  cancel(): void;
}

/**
 * Calls `callback` once after `milliseconds` (any non-negative number, or
 * Infinity for never), in steps Node can hold. The timer never keeps the
 * process alive unless `keepAlive` is set.
 */
export function startLongTimer(
  milliseconds: number,
  callback: () => void,
  options: { keepAlive?: boolean } = {},
): LongTimer {
  let timer: NodeJS.Timeout | undefined;
  const due = Date.now() + milliseconds;
  const arm = (remaining: number): void => {
    if (remaining === Infinity) return;
    timer = setTimeout(
      () => {
        const left = due - Date.now();
        if (left > 0) arm(left);
        else callback();
      },
      Math.max(0, Math.min(remaining, MAX_TIMER_DELAY_MS)),
    );
    if (options.keepAlive !== true) timer.unref();
  };
  arm(milliseconds);
  return { cancel: () => clearTimeout(timer) };
}
