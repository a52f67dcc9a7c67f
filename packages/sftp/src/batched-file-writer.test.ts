import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BatchedFileWriter } from './batched-file-writer.js';

/** A file whose writev accepts at most `cap` bytes per call, like a short write. */
function shortWritingFile(cap: number) {
  const contents: number[] = [];
  let calls = 0;
  const file = {
    writev(chunks: Uint8Array[], position: number) {
      calls++;
      let written = 0;
      for (const chunk of chunks) {
        for (const byte of chunk) {
          if (written === cap) break;
          contents[position + written] = byte;
          written++;
        }
      }
      return Promise.resolve({ bytesWritten: written, buffers: chunks });
    },
  } as unknown as FileHandle;
  return { file, contents, calls: () => calls };
}

describe('BatchedFileWriter', () => {
  it('writes every byte in order across batches and partial writes', async () => {
    const fake = shortWritingFile(3);
    const reported: number[] = [];
    const writer = new BatchedFileWriter(fake.file, (_chunks, bytes) => reported.push(bytes), 0, 5);
    const input = Array.from({ length: 7 }, (_, index) =>
      Uint8Array.from([index * 2, index * 2 + 1]),
    );
    for (const chunk of input) await writer.add(chunk);
    await writer.finish();
    expect(fake.contents).toEqual(Array.from({ length: 14 }, (_, index) => index));
    expect(reported.reduce((sum, bytes) => sum + bytes, 0)).toBe(14);
  });

  it('surfaces a write failure on the next call', async () => {
    const file = { writev: () => Promise.reject(new Error('disk full')) } as unknown as FileHandle;
    const writer = new BatchedFileWriter(file, () => undefined, 0, 1);
    await writer.add(new Uint8Array(1));
    await expect(writer.add(new Uint8Array(1))).rejects.toThrow('disk full');
    await writer.settle();
  });
});
