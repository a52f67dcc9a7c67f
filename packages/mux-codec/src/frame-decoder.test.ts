import { describe, expect, it } from 'vitest';
import { caught, concatBytes, fromHex } from './__fixtures__/hex.js';
import { muxFixtures } from './__fixtures__/mux-fixtures.js';
import { proxyFixtures } from './__fixtures__/proxy-fixtures.js';
import { CodecError } from './codec-error.js';
import { MuxDecoder } from './mux-decoder.js';
import { encodeMuxMessage } from './mux-encode.js';
import { ProxyPacketDecoder } from './proxy-packet-decoder.js';
import { encodeProxyPacket } from './proxy-encode.js';

const muxFrames = muxFixtures.map((fixture) => fromHex(fixture.hex));
const proxyFrames = proxyFixtures.map((fixture) => encodeProxyPacket(fixture.packet));

function asCodecError(error: unknown): CodecError {
  if (!CodecError.isInstance(error)) throw new Error(`not a CodecError: ${String(error)}`);
  return error;
}

describe('split at every byte offset', () => {
  it.each(muxFixtures.map((fixture, index) => [fixture.name, index] as const))(
    'mux: %s',
    (_name, index) => {
      const frame = muxFrames[index]!;
      for (let split = 0; split <= frame.length; split += 1) {
        const decoder = new MuxDecoder();
        const messages = [
          ...decoder.push(frame.subarray(0, split)),
          ...decoder.push(frame.subarray(split)),
        ];
        expect(messages).toEqual([muxFixtures[index]!.message]);
        expect(decoder.bufferedLength).toBe(0);
      }
    },
  );

  it.each(proxyFixtures.map((fixture, index) => [fixture.name, index] as const))(
    'proxy: %s',
    (_name, index) => {
      const frame = proxyFrames[index]!;
      for (let split = 0; split <= frame.length; split += 1) {
        const decoder = new ProxyPacketDecoder();
        const packets = [
          ...decoder.push(frame.subarray(0, split)),
          ...decoder.push(frame.subarray(split)),
        ];
        expect(packets).toEqual([proxyFixtures[index]!.packet]);
      }
    },
  );

  it('decodes a whole stream fed one byte at a time', () => {
    const stream = concatBytes(proxyFrames);
    const decoder = new ProxyPacketDecoder();
    const packets = [];
    for (let at = 0; at < stream.length; at += 1)
      packets.push(...decoder.push(stream.subarray(at, at + 1)));
    expect(packets).toEqual(proxyFixtures.map((fixture) => fixture.packet));
    expect(decoder.bytesPushed).toBe(stream.length);
    decoder.finish();
  });

  it('decodes a whole stream pushed at once', () => {
    const messages = muxFixtures.filter((fixture) => !fixture.message.type.endsWith('_PROXY'));
    const decoder = new MuxDecoder();
    expect(decoder.push(concatBytes(messages.map((fixture) => fromHex(fixture.hex))))).toEqual(
      messages.map((fixture) => fixture.message),
    );
  });
});

describe('buffer lifetime', () => {
  it('views into the pushed chunk when a frame lies inside it', () => {
    const chunk = concatBytes([
      proxyFrames[0]!,
      encodeProxyPacket({
        type: 'SSH_MSG_CHANNEL_DATA',
        recipientChannel: 0,
        data: new Uint8Array(100).fill(7),
      }),
    ]);
    const [, data] = new ProxyPacketDecoder().push(chunk);
    if (data?.type !== 'SSH_MSG_CHANNEL_DATA') throw new Error('expected DATA');
    expect(data.data.buffer).toBe(chunk.buffer);
  });

  it('gives a split frame its own buffer, untouched by later pushes', () => {
    const first = encodeProxyPacket({
      type: 'SSH_MSG_CHANNEL_DATA',
      recipientChannel: 0,
      data: new Uint8Array(64).fill(1),
    });
    const second = encodeProxyPacket({
      type: 'SSH_MSG_CHANNEL_DATA',
      recipientChannel: 0,
      data: new Uint8Array(64).fill(2),
    });
    const decoder = new ProxyPacketDecoder();
    decoder.push(first.subarray(0, 30));
    const [packet] = decoder.push(first.subarray(30));
    decoder.push(second.subarray(0, 30));
    decoder.push(second.subarray(30));
    if (packet?.type !== 'SSH_MSG_CHANNEL_DATA') throw new Error('expected DATA');
    expect(packet.data).toEqual(new Uint8Array(64).fill(1));
  });
});

describe('switching to proxy framing', () => {
  const proxyReply = encodeMuxMessage({ type: 'MUX_S_PROXY', requestId: 2 });
  const alive = encodeMuxMessage({ type: 'MUX_S_ALIVE', requestId: 1, pid: 5 });
  const packets = concatBytes(proxyFrames.slice(0, 5));

  it('stops after MUX_S_PROXY and hands over the bytes behind it', () => {
    const stream = concatBytes([alive, proxyReply, packets]);
    for (let split = 0; split <= stream.length; split += 1) {
      const mux = new MuxDecoder();
      const messages = mux.push(stream.subarray(0, split));
      const switchedEarly = messages.at(-1)?.type === 'MUX_S_PROXY';
      if (!switchedEarly) messages.push(...mux.push(stream.subarray(split)));
      expect(messages.map((message) => message.type)).toEqual(['MUX_S_ALIVE', 'MUX_S_PROXY']);
      const proxy = new ProxyPacketDecoder();
      const decoded = proxy.push(mux.takeRemainder());
      if (switchedEarly) decoded.push(...proxy.push(stream.subarray(split)));
      expect(decoded).toEqual(proxyFixtures.slice(0, 5).map((fixture) => fixture.packet));
    }
  });

  it('refuses bytes after the switch until the remainder is taken, and after it', () => {
    const mux = new MuxDecoder();
    mux.push(proxyReply);
    expect(asCodecError(caught(() => mux.push(packets))).kind).toBe('decoder-closed');
    expect(mux.takeRemainder()).toEqual(new Uint8Array());
    expect(asCodecError(caught(() => mux.push(packets))).kind).toBe('decoder-closed');
  });

  it('returns a partial frame as the remainder', () => {
    const mux = new MuxDecoder();
    expect(mux.push(alive.subarray(0, 6))).toEqual([]);
    expect(mux.takeRemainder()).toEqual(alive.subarray(0, 6));
  });
});

describe('failures', () => {
  it('refuses a length over the bound as soon as the prefix arrives', () => {
    const decoder = new ProxyPacketDecoder({ maximumFrameLength: 1024 });
    decoder.push(proxyFrames[0]!);
    const error = asCodecError(caught(() => decoder.push(Uint8Array.of(0, 0, 4, 1))));
    expect(error.kind).toBe('frame-too-long');
    expect(error.offset).toBe(proxyFrames[0]!.length);
    expect(decoder.bufferedLength).toBe(0);
  });

  it('refuses a length over 256 KiB by default, split inside the prefix', () => {
    const decoder = new MuxDecoder();
    decoder.push(Uint8Array.of(0, 4));
    expect(asCodecError(caught(() => decoder.push(Uint8Array.of(0, 1)))).kind).toBe(
      'frame-too-long',
    );
    const atLimit = new MuxDecoder();
    expect(atLimit.push(Uint8Array.of(0, 4, 0, 0))).toEqual([]);
  });

  it('stays failed, and keeps the messages that came before the bad frame', () => {
    const decoder = new ProxyPacketDecoder();
    const bad = Uint8Array.of(0, 0, 0, 4, 0, 0x60, 0, 0);
    const error = asCodecError(
      caught(() => decoder.push(concatBytes([proxyFrames[0]!, proxyFrames[1]!, bad]))),
    );
    expect(error.kind).toBe('truncated');
    expect(error.offset).toBe(proxyFrames[0]!.length + proxyFrames[1]!.length + 6);
    expect(error.decodedBeforeFailure).toEqual([
      proxyFixtures[0]!.packet,
      proxyFixtures[1]!.packet,
    ]);
    expect(decoder.failure).toBe(error);
    expect(caught(() => decoder.push(proxyFrames[2]!))).toBe(error);
    expect(caught(() => decoder.finish())).toBe(error);
  });

  it('reports offsets from the start of the stream across pushes', () => {
    const decoder = new MuxDecoder();
    const frame = muxFrames[3]!;
    decoder.push(frame);
    decoder.push(Uint8Array.of(0, 0, 0, 2));
    const error = asCodecError(caught(() => decoder.push(Uint8Array.of(1, 2))));
    expect(error.kind).toBe('frame-too-short');
    expect(error.offset).toBe(frame.length + 4);
  });

  it('reports a stream that ends inside a frame', () => {
    const decoder = new MuxDecoder();
    decoder.push(muxFrames[0]!.subarray(0, 5));
    const error = asCodecError(caught(() => decoder.finish()));
    expect(error.kind).toBe('truncated');
    expect(error.offset).toBe(0);
  });

  it('refuses a bound that is not a uint32', () => {
    expect(asCodecError(caught(() => new MuxDecoder({ maximumFrameLength: -1 }))).kind).toBe(
      'invalid-argument',
    );
  });
});
