import type { StdioPipe, StdioNull } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { StdioOption } from '@openssh-ts/session-core';

type SpawnStdio = StdioPipe | StdioNull | 'inherit';

/** How a stdin option is given to the ssh process (streams need a pipe we feed). */
export function stdinMode(option: StdioOption<Readable>): SpawnStdio {
  return option === 'null' ? 'ignore' : option === 'inherit' ? 'inherit' : 'pipe';
}

/** How stdout is given to the ssh process. stderr is always piped: its preamble must be read. */
export function stdoutMode(option: StdioOption<Writable>): SpawnStdio {
  return option === 'null' ? 'ignore' : option === 'inherit' ? 'inherit' : 'pipe';
}

/**
 * Connects a piped ssh output to what the caller asked for. Returns the
 * stream to expose (for `'pipe'`) or null, and a promise that settles when
 * routed output has been handed on. A caller's stream is written to, never
 * ended: like a shared file descriptor, it stays the caller's.
 */
export function routeOutput(
  source: Readable | null,
  option: StdioOption<Writable>,
): { exposed: Readable | null; delivered: Promise<void> } {
  if (source === null || option === 'pipe')
    return { exposed: source, delivered: Promise.resolve() };
  // One that already ended (empty, its ssh gone before the session was
  // seen to open) has nothing more to hand on.
  const delivered =
    source.readableEnded || source.closed
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          source.once('end', resolve);
          source.once('close', resolve);
        });
  if (option === 'null') source.resume();
  else source.pipe(option === 'inherit' ? process.stderr : option, { end: false });
  return { exposed: null, delivered };
}

/** Feeds a caller's stream (or nothing) into the ssh process' stdin. */
export function routeInput(
  target: Writable | null,
  option: StdioOption<Readable>,
): Writable | null {
  if (target === null) return null;
  // A remote command that exits without reading its stdin makes our writes
  // fail with EPIPE; that is not this process' crash to have.
  target.on('error', () => undefined);
  if (option === 'pipe') return target;
  if (typeof option === 'object') option.pipe(target);
  return null;
}
