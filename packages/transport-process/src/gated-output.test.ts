import { PassThrough } from 'node:stream';
import { SshError } from '@openssh-ts/session-core';
import { describe, expect, it } from 'vitest';
import { GatedOutput } from './gated-output.js';

function settled<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('GatedOutput', () => {
  it('passes data on and ends only once the verdict says the connection was not lost', async () => {
    const source = new PassThrough();
    const verdict = settled<SshError | undefined>();
    const gated = new GatedOutput(source, () => verdict.promise);
    const chunks: Buffer[] = [];
    let ended = false;
    gated.on('data', (chunk: Buffer) => chunks.push(chunk));
    gated.on('end', () => (ended = true));
    source.end('all of it');
    await new Promise((resolve) => source.once('close', resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(Buffer.concat(chunks).toString()).toBe('all of it');
    expect(ended).toBe(false);
    verdict.resolve(undefined);
    await new Promise((resolve) => gated.once('end', resolve));
    expect(ended).toBe(true);
  });

  it('fails with the verdict error when the connection was lost, never ending', async () => {
    const source = new PassThrough();
    const lost = new SshError('disconnected', 'the connection to the master was lost');
    const gated = new GatedOutput(source, () => Promise.resolve(lost));
    const reading = (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of gated) chunks.push(chunk as Buffer);
      return chunks;
    })();
    source.end('part');
    await expect(reading).rejects.toBe(lost);
  });

  it('holds the source back while the consumer does not read', async () => {
    const source = new PassThrough({ highWaterMark: 1024 });
    const gated = new GatedOutput(source, () => Promise.resolve(undefined));
    let accepted = 0;
    while (source.write(Buffer.alloc(1024)) && accepted < 1000) accepted += 1;
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.isPaused()).toBe(true);
    expect(gated.readableLength).toBeLessThanOrEqual(gated.readableHighWaterMark + 4096);
    gated.destroy();
  });

  it('gives the verdict at once for a source that had closed before it came', async () => {
    const source = new PassThrough();
    source.end();
    source.resume();
    await new Promise((resolve) => source.once('close', resolve));
    const lost = new SshError('disconnected', 'the connection to the master was lost');
    const failed = new GatedOutput(source, () => Promise.resolve(lost));
    const reading = (async () => {
      for await (const chunk of failed) void chunk;
    })();
    await expect(reading).rejects.toBe(lost);
    const whole = new GatedOutput(source, () => Promise.resolve(undefined));
    whole.resume();
    await new Promise((resolve) => whole.once('end', resolve));
  });
});
