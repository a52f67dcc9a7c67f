import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { muxMessage, proxyPacket } from './__fixtures__/arbitraries.js';
import { concatBytes } from './__fixtures__/hex.js';
import { decodeMuxMessage } from './mux-decode.js';
import { MuxDecoder } from './mux-decoder.js';
import { encodeMuxMessage } from './mux-encode.js';
import { decodeProxyPacket } from './proxy-decode.js';
import { ProxyPacketDecoder } from './proxy-packet-decoder.js';
import { encodeProxyPacket } from './proxy-encode.js';

/** Splits `stream` at the given (unsorted, possibly repeated) offsets. */
function split(stream: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(offsets.map((offset) => offset % (stream.length + 1)))].sort(
    (a, b) => a - b,
  );
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const cut of cuts) {
    chunks.push(stream.subarray(at, cut));
    at = cut;
  }
  chunks.push(stream.subarray(at));
  return chunks;
}

describe('property: round trips', () => {
  it('decode(encode(m)) equals m for every mux message', () => {
    fc.assert(
      fc.property(muxMessage, (message) => {
        const frame = encodeMuxMessage(message);
        expect(decodeMuxMessage(frame.subarray(4))).toEqual(message);
      }),
      { numRuns: 2000 },
    );
  });

  it('decode(encode(p)) equals p for every proxy packet', () => {
    fc.assert(
      fc.property(proxyPacket, (packet) => {
        const frame = encodeProxyPacket(packet);
        expect(decodeProxyPacket(frame.subarray(4))).toEqual(packet);
      }),
      { numRuns: 2000 },
    );
  });

  it('a stream of mux messages decodes the same however it is chunked', () => {
    const beforeSwitch = muxMessage.filter(
      (message) => message.type !== 'MUX_S_PROXY' && message.type !== 'MUX_C_PROXY',
    );
    fc.assert(
      fc.property(
        fc.array(beforeSwitch, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (messages, cuts) => {
          const decoder = new MuxDecoder();
          const decoded = split(concatBytes(messages.map(encodeMuxMessage)), cuts).flatMap(
            (chunk) => decoder.push(chunk),
          );
          expect(decoded).toEqual(messages);
          expect(decoder.bufferedLength).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a stream of proxy packets decodes the same however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(proxyPacket, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (packets, cuts) => {
          const decoder = new ProxyPacketDecoder();
          const decoded = split(concatBytes(packets.map(encodeProxyPacket)), cuts).flatMap(
            (chunk) => decoder.push(chunk),
          );
          expect(decoded).toEqual(packets);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('text given as bytes encodes like the same text given as a string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat(), (command, channel) => {
        const asBytes = new TextEncoder().encode(command);
        const packet = (value: string | Uint8Array) =>
          encodeProxyPacket({
            type: 'SSH_MSG_CHANNEL_REQUEST',
            recipientChannel: channel,
            wantReply: true,
            request: { kind: 'exec', command: value },
          });
        expect(packet(asBytes)).toEqual(packet(command));
      }),
    );
  });
});
