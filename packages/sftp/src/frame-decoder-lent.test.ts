import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './frame-decoder.js';
import { SftpError } from './sftp-error.js';

function frame(payload: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(4 + payload.length);
  new DataView(bytes.buffer).setUint32(0, payload.length);
  bytes.set(Array.from(payload), 4);
  return bytes;
}

/**
 * Feeds `bytes` cut at `points` through `pushLent`, each chunk in one reused
 * buffer that is scribbled over after every call, as a transport reusing its
 * read memory would.
 */
function decodeLent(decoder: FrameDecoder, bytes: Uint8Array, points: number[]): number[][] {
  const reused = new Uint8Array(bytes.byteLength);
  const out: Uint8Array[] = [];
  let previous = 0;
  for (const point of [...points, bytes.byteLength]) {
    const chunk = reused.subarray(0, point - previous);
    chunk.set(bytes.subarray(previous, point));
    out.push(...decoder.pushLent(chunk));
    reused.fill(0xee);
    previous = point;
  }
  return out.map((payload) => [...payload]);
}

describe('FrameDecoder.pushLent', () => {
  const payloads = [[101, 0, 0, 0, 1], [103, 1, 2, 3, 4, 5, 6, 7, 8], [2]];
  const stream = Uint8Array.from(payloads.flatMap((payload) => [...frame(payload)]));

  it('keeps no view of a lent chunk, wherever the stream is cut', () => {
    for (let cut = 0; cut <= stream.byteLength; cut++) {
      const decoder = new FrameDecoder(1024);
      expect(decodeLent(decoder, stream, [cut])).toEqual(payloads);
      expect(decoder.bufferedLength).toBe(0);
    }
  });

  it('counts a partial prefix and payload as buffered', () => {
    const decoder = new FrameDecoder(1024);
    expect(decoder.pushLent(stream.subarray(0, 2))).toEqual([]);
    expect(decoder.bufferedLength).toBe(2);
    expect(decoder.pushLent(stream.subarray(2, 6))).toEqual([]);
    expect(decoder.bufferedLength).toBe(6);
  });

  it('assembles payloads in the memory its allocator hands out', () => {
    const issued: Uint8Array[] = [];
    const decoder = new FrameDecoder(1024, (size) => {
      const buffer = new Uint8Array(size);
      issued.push(buffer);
      return buffer;
    });
    const out = decoder.pushLent(stream);
    expect(out).toEqual(issued);
  });

  it('refuses a length of 0 or above the bound before allocating', () => {
    let allocated = 0;
    const decoder = new FrameDecoder(8, (size) => {
      allocated += 1;
      return new Uint8Array(size);
    });
    expect(() => decoder.pushLent(frame(new Uint8Array(9)))).toThrow(SftpError);
    expect(() => new FrameDecoder(8).pushLent(new Uint8Array(4))).toThrow(/outside 1\.\.8/);
    expect(allocated).toBe(0);
  });

  it('decodes any chunking the same as push does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 12 }),
        fc.array(fc.nat(400), { maxLength: 10 }),
        (bodies, cuts) => {
          const bytes = Uint8Array.from(bodies.flatMap((body) => [...frame(body)]));
          const points = [...new Set(cuts.map((cut) => cut % (bytes.byteLength + 1)))].sort(
            (a, b) => a - b,
          );
          const expected = new FrameDecoder(64).push(bytes).map((payload) => [...payload]);
          expect(decodeLent(new FrameDecoder(64), bytes, points)).toEqual(expected);
        },
      ),
    );
  });
});
