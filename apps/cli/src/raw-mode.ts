// Raw mode for the local terminal while a remote pseudo-terminal owns the
// keyboard: every byte (Ctrl-C, Ctrl-D, arrows) goes to the remote program,
// as with `ssh -t`. Leaving the local terminal raw after ossh ends would
// break the user's shell, so the previous mode comes back on every path:
// dispose (normal end, errors, interrupts) and the process 'exit' event
// (process.exit() on a second interrupt, an uncaught exception).
import { spawnSync } from 'node:child_process';
import type { EventEmitter } from 'node:events';

/** The parts of a terminal input stream raw mode needs (`process.stdin` has them on a TTY). */
export interface RawModeInput {
  readonly isTTY?: boolean;
  readonly isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** Where to hear that the process is exiting; `process` by default. */
export type ExitHooks = Pick<EventEmitter, 'on' | 'off'>;

/**
 * Turns off the local terminal's output processing (`stty -opost` on the
 * terminal that is stdin). Node's raw mode (libuv's UV_TTY_MODE_RAW) keeps
 * OPOST and even sets ONLCR, so every "\r\n" the remote pseudo-terminal
 * sends would reach the screen as "\r\r\n"; ssh's enter_raw_mode clears
 * OPOST, and so does this. Leaving raw mode restores the terminal's saved
 * settings, OPOST included. A missing stty only leaves the extra "\r".
 */
export function disableOutputProcessing(): void {
  spawnSync('stty', ['-opost'], { stdio: ['inherit', 'ignore', 'ignore'] });
}

/** Whether `input` is a terminal whose mode can be switched. */
export function canUseRawMode(input: RawModeInput): boolean {
  return input.isTTY === true && typeof input.setRawMode === 'function';
}

/**
 * Puts `input` in raw mode until the handle is disposed (or the process
 * exits), then restores the mode it had. Does nothing when `input` is not a
 * terminal. Disposing twice restores once. `afterRaw` runs once raw mode is
 * on (by default: {@link disableOutputProcessing} when `input` is this
 * process' stdin).
 */
export function enterRawMode(
  input: RawModeInput,
  exitHooks: ExitHooks = process,
  afterRaw: () => void = input === process.stdin ? disableOutputProcessing : () => undefined,
): Disposable {
  if (!canUseRawMode(input)) return { [Symbol.dispose]: () => undefined };
  const previous = input.isRaw === true;
  input.setRawMode?.(true);
  afterRaw();
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    exitHooks.off('exit', restore);
    try {
      input.setRawMode?.(previous);
    } catch {
      // The terminal is gone (hung up): there is no mode left to restore,
      // and the error that ended the command matters more.
    }
  };
  exitHooks.on('exit', restore);
  return { [Symbol.dispose]: restore };
}
