import { describe, expect, it } from 'vitest';
import type { ProtocolClient } from './protocol-client.js';
import { readPipeline } from './read-pipeline.js';

/** A fake client over an in-memory file whose reads return at most `cap` bytes. */
function fakeClient(file: Uint8Array, cap: (offset: number) => number) {
  const reads: { offset: number; length: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let corkedBatches = 0;
  const client = {
    engine: {
      corked<T>(send: () => T): T {
        corkedBatches++;
        return send();
      },
    },
    async read(_handle: Uint8Array, offset: number, length: number): Promise<Uint8Array | null> {
      reads.push({ offset, length });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      if (offset >= file.byteLength) return null;
      return file.slice(offset, Math.min(offset + length, offset + cap(offset), file.byteLength));
    },
  } as unknown as ProtocolClient;
  return { client, reads, maxInFlight: () => maxInFlight, corkedBatches: () => corkedBatches };
}

async function collect(iterator: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of iterator) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('readPipeline', () => {
  const file = Uint8Array.from({ length: 10_000 }, (_, index) => (index * 7) % 251);

  it('delivers the file in order with many reads in flight', async () => {
    const fake = fakeClient(file, () => Infinity);
    const data = await collect(
      readPipeline(fake.client, new Uint8Array(), { start: 0, blockSize: 100, concurrency: 8 }),
    );
    expect(Buffer.compare(data, file)).toBe(0);
    expect(fake.maxInFlight()).toBe(8);
  });

  it('refills the window in groups of requests, each sent corked', async () => {
    const fake = fakeClient(file, () => Infinity);
    const data = await collect(
      readPipeline(fake.client, new Uint8Array(), { start: 0, blockSize: 100, concurrency: 32 }),
    );
    expect(Buffer.compare(data, file)).toBe(0);
    expect(fake.maxInFlight()).toBe(32);
    // After the first 32, requests go out 4 at a time (fewer only at the end).
    expect(fake.corkedBatches()).toBeLessThan(fake.reads.length / 3);
  });

  it('re-requests exactly the missing bytes after a short read', async () => {
    // The server returns at most 37 bytes per read: every read is short.
    const fake = fakeClient(file, () => 37);
    const data = await collect(
      readPipeline(fake.client, new Uint8Array(), { start: 0, blockSize: 100, concurrency: 4 }),
    );
    expect(Buffer.compare(data, file)).toBe(0);
    expect(fake.reads).toContainEqual({ offset: 37, length: 63 });
  });

  it('honours start and end', async () => {
    const fake = fakeClient(file, () => Infinity);
    const data = await collect(
      readPipeline(fake.client, new Uint8Array(), {
        start: 123,
        end: 4567,
        blockSize: 1000,
        concurrency: 3,
      }),
    );
    expect(Buffer.compare(data, file.subarray(123, 4567))).toBe(0);
    expect(Math.max(...fake.reads.map((read) => read.offset + read.length))).toBe(4567);
  });

  it('probes one read at a time past the size hint', async () => {
    const fake = fakeClient(file, () => Infinity);
    await collect(
      readPipeline(fake.client, new Uint8Array(), {
        start: 0,
        blockSize: 1000,
        concurrency: 16,
        sizeHint: 10_000,
      }),
    );
    expect(fake.reads.length).toBe(11);
  });

  it('stops on abort with an aborted error', async () => {
    const fake = fakeClient(file, () => Infinity);
    const controller = new AbortController();
    const reading = (async () => {
      for await (const _chunk of readPipeline(fake.client, new Uint8Array(), {
        start: 0,
        blockSize: 10,
        concurrency: 2,
        signal: controller.signal,
      })) {
        controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ code: 'aborted' });
  });

  it('rejects promptly on abort even when the server never answers', async () => {
    const silent = {
      read: () => new Promise<Uint8Array | null>(() => undefined),
      engine: { corked: <T>(send: () => T): T => send() },
    } as unknown as ProtocolClient;
    const controller = new AbortController();
    const reading = (async () => {
      for await (const _chunk of readPipeline(silent, new Uint8Array(), {
        start: 0,
        blockSize: 10,
        concurrency: 2,
        signal: controller.signal,
      })) {
        // never reached
      }
    })();
    setImmediate(() => controller.abort());
    await expect(reading).rejects.toMatchObject({ code: 'aborted' });
  });
});
