import { describe, expect, it } from 'vitest';
import { FrameSlab } from './frame-slab.js';

/** A frame: uint32 length, then `body`. */
function frame(body: number[]): number[] {
  const length = body.length;
  return [length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff, ...body];
}

/** Simulates a socket read of `bytes` into the slab's offered space. */
function read(slab: FrameSlab, bytes: ArrayLike<number>): Buffer {
  const space = slab.next();
  expect(space.byteLength).toBeGreaterThanOrEqual(bytes.length);
  space.set(bytes);
  return slab.filled(bytes.length);
}

describe('FrameSlab', () => {
  it('hands on whole frames only and completes a cut frame in place', () => {
    const slab = new FrameSlab();
    const stream = [...frame([1, 2, 3]), ...frame([4, 5])];
    const first = read(slab, stream.slice(0, 9));
    expect([...first]).toEqual(frame([1, 2, 3]));
    expect([...read(slab, stream.slice(9, 10))]).toEqual([]);
    const second = read(slab, stream.slice(10));
    expect([...second]).toEqual(frame([4, 5]));
    // The second frame was completed where its first bytes landed: no copy.
    expect(second.buffer).toBe(first.buffer);
    expect(second.byteOffset).toBe(first.byteOffset + first.byteLength);
  });

  it('carries a partial frame to the next slab and leaves handed-out bytes alone', () => {
    const slab = new FrameSlab();
    const large = Buffer.from(frame(Array.from({ length: 100_000 }, (_, index) => index & 0xff)));
    // 70,000-byte reads: frames straddle reads and, now and then, slabs.
    const stream = Buffer.concat(Array.from({ length: 8 }, () => large));
    const kept: Buffer[] = [];
    for (let offset = 0; offset < stream.length; offset += 70_000) {
      kept.push(read(slab, stream.subarray(offset, offset + 70_000)));
    }
    expect(Buffer.concat(kept).equals(stream)).toBe(true);
  });

  it('passes a length no frame can have straight on, for the decoder to refuse', () => {
    const slab = new FrameSlab();
    expect([...read(slab, [0xff, 0xff, 0xff, 0xff, 0])]).toEqual([0xff, 0xff, 0xff, 0xff, 0]);
  });

  it('offers every read at least 64 KiB', () => {
    const slab = new FrameSlab();
    for (let index = 0; index < 10; index += 1) {
      // Zero-length frames, so nothing is held back.
      expect(slab.next().fill(0).byteLength).toBeGreaterThanOrEqual(64 * 1024);
      slab.filled(60_000);
    }
  });

  it('reuses its memory when nobody kept a view, carrying a cut frame to the start', () => {
    const slab = new FrameSlab();
    const first = slab.next();
    // Zero-length frames, then a cut one, leave less than a read's 64 KiB.
    const cut = frame([9, 8, 7]).slice(0, 5);
    expect(read(slab, [...new Uint8Array(199_996), ...cut]).byteLength).toBe(199_996);
    const space = slab.next();
    // The cut frame moved to the start of the same memory; the read lands behind it.
    expect(space.buffer).toBe(first.buffer);
    expect(space.byteOffset).toBe(first.byteOffset + cut.length);
    expect([...read(slab, frame([9, 8, 7]).slice(5))]).toEqual(frame([9, 8, 7]));
  });

  it('never overwrites a slab whose views someone retained', () => {
    const slab = new FrameSlab();
    const kept = read(slab, frame([1, 2, 3, 4]));
    slab.retain();
    const snapshot = [...kept];
    for (let index = 0; index < 10; index += 1)
      read(slab, frame(new Array<number>(60_000).fill(index)));
    expect([...kept]).toEqual(snapshot);
    expect(slab.next().buffer).not.toBe(kept.buffer);
  });
});
