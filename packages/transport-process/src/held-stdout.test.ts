import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdStdout } from './held-stdout.js';

/** A child whose whole output is one short line, so it exits at once. */
function echoChild(): ReturnType<typeof spawn> {
  return spawn('sh', ['-c', 'echo held'], { stdio: ['ignore', 'pipe', 'ignore'] });
}

describe('holdStdout', () => {
  it('keeps the bytes of a child that exited before its reader came', async () => {
    const child = echoChild();
    const held = holdStdout(child.stdout);
    await once(child, 'exit');
    // Node's flushStdio runs on the next tick after 'exit': let it.
    await turn();
    await turn();
    const chunks: Buffer[] = [];
    const stdout = held.take()!;
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    await once(stdout, 'close');
    expect(Buffer.concat(chunks).toString()).toBe('held\n');
  });

  it('loses them without it (what it guards against)', async () => {
    const child = echoChild();
    await once(child, 'exit');
    await turn();
    await turn();
    const chunks: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
    if (!child.stdout!.closed) await once(child.stdout!, 'close');
    expect(Buffer.concat(chunks).toString()).toBe('');
  });

  it('discard() closes the stream unread', async () => {
    const child = echoChild();
    const held = holdStdout(child.stdout);
    await once(child, 'exit');
    const closed = once(child.stdout!, 'close');
    held.discard();
    await closed;
    expect(child.stdout!.destroyed).toBe(true);
  });

  it('is a no-op for a stdout that is not piped', () => {
    const held = holdStdout(null);
    expect(held.take()).toBeNull();
    held.discard();
  });
});
