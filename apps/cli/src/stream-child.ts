// The plumbing between a spawned remote command and this process: local
// stdin into it, its stdout and stderr onto ours, and the exit code out.
import { finished } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import type { RemoteChild } from '@openssh-ts/session-core';
import { exitCodeForStatus } from './exit-code.js';

function pipeQuietly(from: Readable | null, to: Writable): Promise<void> {
  if (from === null) return Promise.resolve();
  from.pipe(to, { end: false });
  return finished(from).catch(() => undefined);
}

/**
 * Streams `child` until it exits and all its output is written, then
 * resolves with ossh's exit code for it. The outputs are not ended: they
 * are ossh's own stdout and stderr. `input` is unpiped and paused at
 * the end however the command ends, so it no longer keeps ossh alive.
 */
export async function streamChild(
  child: Pick<RemoteChild, 'stdin' | 'stdout' | 'stderr' | 'wait'>,
  input: NodeJS.ReadableStream,
  output: { readonly stdout: Writable; readonly stderr: Writable },
): Promise<number> {
  if (child.stdin !== null) {
    // The remote side may stop reading (or exit) before our stdin ends.
    child.stdin.on('error', () => undefined);
    input.pipe(child.stdin);
  }
  const copies = [
    pipeQuietly(child.stdout, output.stdout),
    pipeQuietly(child.stderr, output.stderr),
  ];
  try {
    const status = await child.wait();
    await Promise.all(copies);
    return exitCodeForStatus(status);
  } finally {
    if (child.stdin !== null) input.unpipe(child.stdin);
    input.pause();
  }
}
