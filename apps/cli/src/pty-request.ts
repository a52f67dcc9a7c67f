// What `ossh exec -t` asks the remote side for: a pseudo-terminal of the
// local terminal's type and size, as `ssh -t` does.
import type { PtyOptions, TerminalSize } from '@openssh-ts/session-core';

/** TERM when the local environment has none (or an empty one). */
export const DEFAULT_TERM = 'xterm-256color';

/**
 * The size when no local stream knows one. ssh sends 80x24 in the same case
 * (its window size request on a descriptor that is not a terminal fails).
 */
export const FALLBACK_SIZE: Readonly<Required<Pick<TerminalSize, 'columns' | 'rows'>>> = {
  columns: 80,
  rows: 24,
};

/** The largest dimension a remote `struct winsize` holds intact. */
const MAX_DIMENSION = 0xffff;

/** A stream that may be a terminal with a size (`process.stdout` is one). */
export interface SizedStream {
  readonly isTTY?: boolean;
  readonly columns?: number | undefined;
  readonly rows?: number | undefined;
}

function dimension(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= MAX_DIMENSION
    ? value
    : undefined;
}

/**
 * The size of a terminal stream, or undefined when the stream is not a
 * terminal or reports a size the remote side could not take (0 or absent
 * while a terminal is being set up, say).
 */
export function terminalSizeOf(stream: SizedStream): TerminalSize | undefined {
  if (stream.isTTY !== true) return undefined;
  const columns = dimension(stream.columns);
  const rows = dimension(stream.rows);
  return columns === undefined || rows === undefined ? undefined : { columns, rows };
}

/**
 * The stream whose size the remote terminal follows: the first of `streams`
 * that is a terminal (stdout, then stderr, since either may be redirected
 * while the other still shows on screen), or undefined.
 */
export function sizeSource<Stream extends SizedStream>(
  streams: readonly Stream[],
): Stream | undefined {
  return streams.find((stream) => terminalSizeOf(stream) !== undefined);
}

/** The terminal type to announce: `$TERM`, or {@link DEFAULT_TERM}. */
export function terminalType(environment: NodeJS.ProcessEnv): string {
  const term = environment.TERM;
  return term === undefined || term === '' ? DEFAULT_TERM : term;
}

/**
 * The pty request for the local terminal: its TERM and the size of
 * `source` (see {@link sizeSource}), or 80x24 without one.
 */
export function ptyRequestFor(
  source: SizedStream | undefined,
  environment: NodeJS.ProcessEnv,
): PtyOptions {
  const size = (source === undefined ? undefined : terminalSizeOf(source)) ?? FALLBACK_SIZE;
  return { term: terminalType(environment), columns: size.columns, rows: size.rows };
}
