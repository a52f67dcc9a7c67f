import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './frame-decoder.js';
import { SftpError } from './sftp-error.js';

function frame(payload: number[]): Uint8Array {
  const bytes = new Uint8Array(4 + payload.length);
  new DataView(bytes.buffer).setUint32(0, payload.length);
  bytes.set(payload, 4);
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined;
}

describe('FrameDecoder', () => {
  const payloads = [[101, 0, 0, 0, 1], [103, 1, 2, 3, 4, 5, 6, 7, 8], [2]];
  const stream = concat(payloads.map(frame));

  it('splits a stream cut at every offset into the same payloads', () => {
    for (let cut = 0; cut <= stream.byteLength; cut++) {
      const decoder = new FrameDecoder(1024);
      const out = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(out.map((payload) => [...payload])).toEqual(payloads);
      expect(decoder.bufferedLength).toBe(0);
    }
  });

  it('survives one byte at a time', () => {
    const decoder = new FrameDecoder(1024);
    const out: Uint8Array[] = [];
    for (let index = 0; index < stream.byteLength; index++)
      out.push(...decoder.push(stream.subarray(index, index + 1)));
    expect(out.map((payload) => [...payload])).toEqual(payloads);
  });

  it('keeps any random chunking equivalent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 12 }),
        fc.array(fc.nat(200), { maxLength: 8 }),
        (bodies, cuts) => {
          const bytes = concat(bodies.map((body) => frame([...body])));
          const points = [...new Set(cuts.map((cut) => cut % (bytes.byteLength + 1)))].sort(
            (a, b) => a - b,
          );
          const decoder = new FrameDecoder(64);
          const out: Uint8Array[] = [];
          let previous = 0;
          for (const point of [...points, bytes.byteLength]) {
            out.push(...decoder.push(bytes.subarray(previous, point)));
            previous = point;
          }
          expect(out.map((payload) => [...payload])).toEqual(bodies.map((body) => [...body]));
        },
      ),
    );
  });

  it('rejects a length above the bound before buffering it', () => {
    const decoder = new FrameDecoder(16);
    const header = new Uint8Array([0, 0, 0, 17]);
    expect(() => decoder.push(header)).toThrow(SftpError);
    expect(() => new FrameDecoder(16).push(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toThrow(
      /outside/,
    );
  });

  it('rejects a zero-length packet', () => {
    expect(() => new FrameDecoder(16).push(new Uint8Array([0, 0, 0, 0]))).toThrow(
      expect.objectContaining({ code: 'protocol' }),
    );
  });

  it('rejects an oversized length that arrives split', () => {
    const decoder = new FrameDecoder(16);
    decoder.push(new Uint8Array([0, 0]));
    expect(() => decoder.push(new Uint8Array([1, 0]))).toThrow(SftpError);
  });
});
