import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { captureOutput } from './bounded-capture.js';

it('keeps everything under the limit', async () => {
  expect(await captureOutput(Readable.from([Buffer.from('ab'), Buffer.from('c')]), 10)).toEqual({
    text: 'abc',
    totalBytes: 3,
    truncated: false,
  });
});

it('reads past the limit, counts it and says it was cut', async () => {
  const chunks = Array.from({ length: 100 }, () => Buffer.alloc(1000, 0x61));
  const captured = await captureOutput(Readable.from(chunks), 2500);
  expect(captured.text).toHaveLength(2500);
  expect(captured.totalBytes).toBe(100_000);
  expect(captured.truncated).toBe(true);
});

it('accepts a missing stream', async () => {
  expect(await captureOutput(null, 10)).toEqual({ text: '', totalBytes: 0, truncated: false });
});
