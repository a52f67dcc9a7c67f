import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { muxMessage, proxyPacket } from './__fixtures__/arbitraries.js';
import { fromHex } from './__fixtures__/hex.js';
import { muxFixtures } from './__fixtures__/mux-fixtures.js';
import { proxyFixtures } from './__fixtures__/proxy-fixtures.js';
import { CodecError, type CodecErrorKind } from './codec-error.js';
import { decodeMuxMessage } from './mux-decode.js';
import { MuxDecoder } from './mux-decoder.js';
import { encodeMuxMessage } from './mux-encode.js';
import { decodeProxyPacket } from './proxy-decode.js';
import { ProxyPacketDecoder } from './proxy-packet-decoder.js';
import { encodeProxyPacket } from './proxy-encode.js';

/** Frames per run: random ones and mutations of valid ones, each decoded alone and as part of a stream. */
const FRAMES = 100_000;
const DECODE_KINDS: ReadonlySet<CodecErrorKind> = new Set([
  'truncated',
  'frame-too-long',
  'frame-too-short',
  'trailing-bytes',
  'invalid-value',
  'decoder-closed',
]);

/** xorshift32: cheap, seedable, so a failure names the seed that reproduces it. */
function randomSource(seed: number): (below: number) => number {
  let state = seed >>> 0 || 1;
  return (below) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % below;
  };
}

function corpus(): { mux: Uint8Array[]; proxy: Uint8Array[] } {
  const goldens = JSON.parse(
    readFileSync(new URL('./__fixtures__/goldens.json', import.meta.url), 'utf8'),
  ) as { masterToClient: string; clientToMaster: string };
  const mux = [
    ...muxFixtures.map((fixture) => fromHex(fixture.hex)),
    ...fc.sample(muxMessage, { numRuns: 300, seed: 1 }).map(encodeMuxMessage),
  ];
  const proxy = [
    ...proxyFixtures.map((fixture) => encodeProxyPacket(fixture.packet)),
    ...fc.sample(proxyPacket, { numRuns: 300, seed: 2 }).map(encodeProxyPacket),
    // The goldens' tails are real proxy streams; cut them into frames.
    ...[goldens.masterToClient, goldens.clientToMaster].flatMap((hex) => framesOf(fromHex(hex))),
  ];
  return { mux, proxy };
}

function framesOf(stream: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let at = 0; at + 4 <= stream.length;) {
    const length = new DataView(stream.buffer, stream.byteOffset + at).getUint32(0);
    frames.push(stream.subarray(at, at + 4 + length));
    at += 4 + length;
  }
  return frames;
}

function mutate(frame: Uint8Array, random: (below: number) => number): Uint8Array {
  const bytes = Uint8Array.from(frame);
  const view = new DataView(bytes.buffer);
  switch (random(8)) {
    case 0: // flip bits
      for (let count = 1 + random(4); count > 0; count -= 1)
        bytes[random(bytes.length)]! ^= 1 << random(8);
      return bytes;
    case 1: // overwrite a byte with an edge value
      bytes[random(bytes.length)] = [0, 1, 0x7f, 0x80, 0xff][random(5)]!;
      return bytes;
    case 2: // truncate, keeping the length prefix honest
      return withLength(bytes.subarray(4, 4 + random(Math.max(bytes.length - 4, 1))));
    case 3: // append junk, keeping the length prefix honest
      return withLength(
        Uint8Array.from([
          ...bytes.subarray(4),
          ...Array.from({ length: 1 + random(8) }, () => random(256)),
        ]),
      );
    case 4: // lie in the length prefix
      view.setUint32(
        0,
        [0, 1, 2, 3, view.getUint32(0) + 1, view.getUint32(0) - 1, 0xffffffff, 262_145][
          random(8)
        ]! >>> 0,
      );
      return bytes;
    case 5: // lie in an inner uint32 (string lengths, ports, ...)
      if (bytes.length >= 12)
        view.setUint32(
          4 + random(bytes.length - 11),
          [0, 0xffffffff, 0xfffffffe, 65536, random(64)][random(5)]!,
        );
      return bytes;
    case 6: // random payload behind a known type
      return withLength(
        Uint8Array.from([
          ...bytes.subarray(4, 4 + 6),
          ...Array.from({ length: random(40) }, () => random(256)),
        ]),
      );
    default: // pure noise
      return Uint8Array.from({ length: random(48) }, () => random(256));
  }
}

function withLength(payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(4 + payload.length);
  new DataView(frame.buffer).setUint32(0, payload.length);
  frame.set(payload, 4);
  return frame;
}

/** Runs `decode`; returns the CodecError it threw, or fails the test on anything else. */
function onlyCodecErrors(decode: () => void, describeInput: () => string): CodecError | undefined {
  try {
    decode();
    return undefined;
  } catch (error) {
    if (
      !CodecError.isInstance(error) ||
      !DECODE_KINDS.has(error.kind) ||
      error.cause !== undefined
    ) {
      throw new Error(`unexpected throw ${String(error)} for ${describeInput()}`, { cause: error });
    }
    return error;
  }
}

describe('fuzz: random and mutated frames', () => {
  it(`throws only CodecError and keeps memory bounded over ${FRAMES} frames`, () => {
    const seed = (Date.now() ^ (process.pid << 8)) >>> 0;
    const random = randomSource(seed);
    const { mux, proxy } = corpus();
    const heapBefore = process.memoryUsage().heapUsed;
    const maximumFrameLength = 4096;
    let decoders: [MuxDecoder, ProxyPacketDecoder] = [
      new MuxDecoder({ maximumFrameLength }),
      new ProxyPacketDecoder({ maximumFrameLength }),
    ];
    let errors = 0;
    for (let index = 0; index < FRAMES; index += 1) {
      const isMux = random(2) === 0;
      const source = isMux ? mux : proxy;
      const frame = mutate(source[random(source.length)]!, random);
      const describeInput = (): string =>
        `${isMux ? 'mux' : 'proxy'} frame ${Buffer.from(frame).toString('hex')} (seed ${seed})`;
      const payload = frame.subarray(4);
      if (
        onlyCodecErrors(
          () => (isMux ? decodeMuxMessage(payload) : decodeProxyPacket(payload)),
          describeInput,
        )
      ) {
        errors += 1;
      }
      // The same bytes through a long-lived decoder, cut at a random point.
      const decoder: MuxDecoder | ProxyPacketDecoder = decoders[isMux ? 0 : 1];
      const cut = random(frame.length + 1);
      const failure = onlyCodecErrors(() => {
        decoder.push(frame.subarray(0, cut));
        decoder.push(frame.subarray(cut));
      }, describeInput);
      // Plain checks, not expect(): this loop runs over 100,000 times.
      if (decoder.bufferedLength > maximumFrameLength + 4) {
        throw new Error(`decoder holds ${decoder.bufferedLength} bytes after ${describeInput()}`);
      }
      if (failure !== undefined) {
        const offsetInRange = failure.offset !== undefined && failure.offset <= decoder.bytesPushed;
        // decoder-closed is misuse (bytes after the proxy switch), not a failed stream.
        const staysFailed = failure.kind === 'decoder-closed' || decoder.failure === failure;
        if (!offsetInRange || !staysFailed)
          throw new Error(`bad failure ${failure.message} for ${describeInput()}`);
        decoders = [
          new MuxDecoder({ maximumFrameLength }),
          new ProxyPacketDecoder({ maximumFrameLength }),
        ];
      } else if (decoder.bufferedLength === 0 && random(64) === 0) {
        decoders = [
          new MuxDecoder({ maximumFrameLength }),
          new ProxyPacketDecoder({ maximumFrameLength }),
        ];
      } else if (isMux && random(4) === 0) {
        // A proxy switch may have closed it; start over rather than hit decoder-closed every time.
        decoders[0] = new MuxDecoder({ maximumFrameLength });
      }
    }
    // Most mutations must be caught, or the fuzzer is not reaching the parsers.
    expect(errors).toBeGreaterThan(FRAMES / 4);
    // Views and messages are garbage after each step; a leak would show as
    // hundreds of MiB here. The bound is loose on purpose: GC timing varies.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(128 * 1024 * 1024);
  }, 60_000);

  it('never buffers more than the bound, however a hostile length is trickled in', () => {
    const decoder = new ProxyPacketDecoder({ maximumFrameLength: 1024 });
    decoder.push(Uint8Array.of(0, 0, 4, 0));
    for (let sent = 0; sent < 1000; sent += 100) {
      decoder.push(new Uint8Array(100));
      expect(decoder.bufferedLength).toBeLessThanOrEqual(1028);
    }
    const huge = new MuxDecoder();
    const error = onlyCodecErrors(
      () => huge.push(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 1, 2, 3)),
      () => 'huge',
    );
    expect(error?.kind).toBe('frame-too-long');
    expect(huge.bufferedLength).toBe(0);
  });
});
