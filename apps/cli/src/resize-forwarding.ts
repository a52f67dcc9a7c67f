// Keeps a remote pseudo-terminal the size of the local one. A terminal
// emulator resizes its window as the user drags it; Node reports that as a
// 'resize' event on the output stream (from SIGWINCH), which becomes a
// `window-change` request for the remote side.
import type { EventEmitter } from 'node:events';
import type { TerminalSize } from '@openssh-ts/session-core';
import { terminalSizeOf, type SizedStream } from './pty-request.js';

/** A terminal output stream that announces size changes (`process.stdout` on a TTY). */
export type ResizingStream = SizedStream & Pick<EventEmitter, 'on' | 'off'>;

/**
 * Calls `resize` with the new size of `source` after each change until
 * disposed; with no source, it does nothing. When `requested` (the size the
 * pty was asked with) is given and the terminal changed since, the current
 * size is sent at once, so a resize while connecting is not lost. A size the remote side could
 * not take is skipped, and a failing `resize` is ignored: the connection
 * loss behind it ends the command anyway, and an exception thrown from an
 * event listener would crash ossh with the terminal still raw.
 */
export function forwardResizes(
  source: ResizingStream | undefined,
  resize: (size: TerminalSize) => void,
  requested?: TerminalSize,
): Disposable {
  if (source === undefined) return { [Symbol.dispose]: () => undefined };
  const onResize = (): void => {
    const size = terminalSizeOf(source);
    if (size === undefined) return;
    try {
      resize(size);
    } catch {
      // See above: the command's own end reports what went wrong.
    }
  };
  source.on('resize', onResize);
  const now = terminalSizeOf(source);
  if (
    requested !== undefined &&
    now !== undefined &&
    (now.columns !== requested.columns || now.rows !== requested.rows)
  ) {
    onResize();
  }
  return { [Symbol.dispose]: () => source.off('resize', onResize) };
}
