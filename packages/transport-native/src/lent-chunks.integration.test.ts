import { createHash } from 'node:crypto';
import { borrowChunks } from '@openssh-ts/session-core';
import { describe, expect, it } from 'vitest';
import { attachEachTest, execTarget } from './attached-transport.fixture.js';

const attached = attachEachTest();

/** `count` lines of `seq`-like text, as the remote `seq 1 count` prints them. */
function sequenceText(count: number): Buffer {
  const lines: string[] = [];
  for (let index = 1; index <= count; index += 1) lines.push(`${index}\n`);
  return Buffer.from(lines.join(''));
}

describe('native transport: stdout lends its chunks', () => {
  it('lends every byte in order while reusing read memory (64 MiB hashed as it passes)', async () => {
    // ~64 MiB: many times the 256 KiB read slab, so memory is reused over and over.
    const count = 8_400_000;
    const expected = createHash('sha256').update(sequenceText(count)).digest('hex');
    const child = await attached.transport.spawn({
      target: execTarget(`seq 1 ${count}`),
      stdin: 'null',
      stdout: 'pipe',
      stderr: 'null',
    });
    const hash = createHash('sha256');
    let chunks = 0;
    const memory = new Set<ArrayBufferLike>();
    const lent = borrowChunks(child.stdout!, (chunk) => {
      hash.update(chunk);
      chunks += 1;
      memory.add(chunk.buffer);
    });
    expect(lent).toBe(true);
    const ended = new Promise((resolve) => child.stdout!.once('end', resolve));
    expect((await child.wait()).code).toBe(0);
    await ended;
    expect(hash.digest('hex')).toBe(expected);
    expect(chunks).toBeGreaterThan(1000);
    // Without reuse, 64 MiB would have needed ~256 slabs of 256 KiB.
    expect(memory.size).toBeLessThan(8);
  });

  it('hands over what arrived before borrowing began, first', async () => {
    const child = await attached.transport.spawn({
      target: execTarget('printf early; sleep 0.3; printf late'),
      stdin: 'null',
      stdout: 'pipe',
      stderr: 'null',
    });
    // Let "early" arrive and sit in the stream's buffer.
    await new Promise((resolve) => child.stdout!.once('readable', resolve));
    const seen: string[] = [];
    expect(borrowChunks(child.stdout!, (chunk) => seen.push(Buffer.from(chunk).toString()))).toBe(
      true,
    );
    expect((await child.wait()).code).toBe(0);
    expect(seen.join('')).toBe('earlylate');
  });
});
