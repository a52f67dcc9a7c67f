import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { now } from './child-process.js';

/** Chunk size for every writer in the upload cases, so none gets an advantage from its source. */
export const WRITE_CHUNK_BYTES = 256 * 1024;

const ZEROS = Buffer.alloc(WRITE_CHUNK_BYTES);

/** Writes `total` zero bytes honouring backpressure, then ends the stream. */
export async function writeZeros(stream: Writable, total: number): Promise<void> {
  let left = total;
  while (left > 0) {
    const chunk = left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left);
    left -= chunk.length;
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
}

/** Reads a stream to its end and counts the bytes. */
export async function countBytes(stream: Readable): Promise<number> {
  let total = 0;
  for await (const chunk of stream) total += (chunk as Uint8Array).byteLength;
  return total;
}

/** Throws unless exactly `expected` bytes went through: a short stream must never count as fast. */
export function expectBytes(actual: number, expected: number, what: string): void {
  if (actual !== expected) throw new Error(`${what}: ${actual} bytes instead of ${expected}`);
}

/** `1 GiB`, `64 MiB`: a transfer size for titles. */
export function sizeLabel(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : `${bytes / 1024 ** 2} MiB`;
}

/** MiB/s for `bytes` moved since `started` (from {@link now}). */
export function mebibytesPerSecond(bytes: number, started: number): number {
  return bytes / (1024 * 1024) / ((now() - started) / 1000);
}
