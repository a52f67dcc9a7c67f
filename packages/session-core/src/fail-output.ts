import type { Readable } from 'node:stream';

function ignoreError(): void {}

/**
 * Ends a remote command's stdout or stderr with `error` instead of a clean
 * end: the output was cut off (the connection was lost, or the caller
 * disconnected, aborted or timed out) and must never pass for the whole of
 * it. `error` is an `SshError`, or the caller's own abort reason. A consumer piping
 * it to a file sees `'error'` (or `for await` throws, `pipeline` rejects),
 * never `'end'`.
 *
 * A stream nobody listens to for errors would turn that `'error'` into an
 * uncaught exception, for a failure that `wait()` reports anyway; so such a
 * stream gets a listener that ignores it. Its state still says it failed
 * (`errored`, no `'end'`, `finished()` reports the error).
 *
 * A stream that already ended, or was destroyed, is left as it is.
 */
export function failOutput(stream: Readable, error: Error): void {
  if (stream.destroyed || stream.readableEnded) return;
  if (stream.listenerCount('error') === 0) stream.on('error', ignoreError);
  stream.destroy(error);
}
