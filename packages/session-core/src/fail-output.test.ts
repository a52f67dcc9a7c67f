import { finished, PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { failOutput } from './fail-output.js';
import { SshError } from './ssh-error.js';

const lost = (): SshError => new SshError('disconnected', 'the connection was lost');

describe('failOutput', () => {
  it('ends a stream with the error and never with end, even without an error listener', async () => {
    const stream = new PassThrough();
    stream.write('partial');
    const ended = { value: false };
    stream.on('end', () => (ended.value = true));
    const error = lost();
    failOutput(stream, error);
    const outcome = await new Promise((resolve) => finished(stream, resolve));
    expect(outcome).toBe(error);
    expect(stream.errored).toBe(error);
    expect(ended.value).toBe(false);
  });

  it('makes for-await throw the error', async () => {
    const stream = new PassThrough();
    const error = lost();
    setImmediate(() => failOutput(stream, error));
    const reading = (async () => {
      for await (const chunk of stream) void chunk;
    })();
    await expect(reading).rejects.toBe(error);
  });

  it('leaves a stream that already ended alone', async () => {
    const stream = new PassThrough();
    stream.end();
    stream.resume();
    await new Promise((resolve) => stream.once('end', resolve));
    failOutput(stream, lost());
    expect(stream.errored).toBeNull();
  });
});
