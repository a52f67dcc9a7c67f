import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex } from './__fixtures__/hex.js';
import { MuxDecoder } from './mux-decoder.js';
import { encodeMuxMessage } from './mux-encode.js';
import type { MuxMessage } from './mux-messages.js';
import { ProxyPacketDecoder } from './proxy-packet-decoder.js';
import { encodeProxyPacket } from './proxy-encode.js';
import type { ProxyPacket } from './proxy-packets.js';
import { SSH_EXTENDED_DATA_STDERR, SSH_OPEN_CONNECT_FAILED } from './ssh-constants.js';

/** Captured from a real `ssh -M` master by scripts/capture-goldens.ts. */
interface Goldens {
  readonly openssh: string;
  readonly masterPid: number;
  readonly clientToMaster: string;
  readonly masterToClient: string;
  readonly masterChunks: readonly number[];
}

const goldens = JSON.parse(
  readFileSync(new URL('./__fixtures__/goldens.json', import.meta.url), 'utf8'),
) as Goldens;
const fromMaster = fromHex(goldens.masterToClient);
const fromClient = fromHex(goldens.clientToMaster);

/** What a transport does: mux messages until the proxy switch, then proxy packets on the same stream. */
function decodeControlStream(chunks: readonly Uint8Array[]): {
  mux: MuxMessage[];
  proxy: ProxyPacket[];
} {
  const muxDecoder = new MuxDecoder();
  const proxyDecoder = new ProxyPacketDecoder();
  let switched = false;
  const mux: MuxMessage[] = [];
  const proxy: ProxyPacket[] = [];
  for (const chunk of chunks) {
    if (switched) {
      proxy.push(...proxyDecoder.push(chunk));
      continue;
    }
    for (const message of muxDecoder.push(chunk)) {
      mux.push(message);
      if (message.type === 'MUX_S_PROXY' || message.type === 'MUX_C_PROXY') {
        switched = true;
        proxy.push(...proxyDecoder.push(muxDecoder.takeRemainder()));
      }
    }
  }
  proxyDecoder.finish();
  return { mux, proxy };
}

function chunksOf(stream: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const size of sizes) {
    chunks.push(stream.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe(`goldens from a real ControlMaster (${goldens.openssh})`, () => {
  const master = decodeControlStream([fromMaster]);

  it('decodes the master side: hello, alive, proxy reply', () => {
    expect(master.mux).toEqual([
      { type: 'MUX_MSG_HELLO', version: 4, extensions: [] },
      { type: 'MUX_S_ALIVE', requestId: 1, pid: goldens.masterPid },
      { type: 'MUX_S_PROXY', requestId: 2 },
    ]);
  });

  it('decodes the proxied session exchange', () => {
    const onChannel = (channel: number): ProxyPacket[] =>
      master.proxy.filter(
        (packet) => 'recipientChannel' in packet && packet.recipientChannel === channel,
      );
    const summary = (channel: number): string[] =>
      onChannel(channel).map((packet) =>
        packet.type === 'SSH_MSG_CHANNEL_REQUEST'
          ? `${packet.type}:${packet.request.kind}`
          : packet.type,
      );
    // sshd's order of EOF, exit-status and output varies between captures; the set does not.
    const channel0Summary = summary(0);
    expect(channel0Summary[0]).toBe('SSH_MSG_CHANNEL_OPEN_CONFIRMATION');
    expect(channel0Summary.at(-1)).toBe('SSH_MSG_CHANNEL_CLOSE');
    expect([...channel0Summary].sort()).toEqual(
      [
        'SSH_MSG_CHANNEL_OPEN_CONFIRMATION',
        'SSH_MSG_CHANNEL_WINDOW_ADJUST',
        'SSH_MSG_CHANNEL_SUCCESS',
        'SSH_MSG_CHANNEL_DATA',
        'SSH_MSG_CHANNEL_EXTENDED_DATA',
        'SSH_MSG_CHANNEL_EOF',
        'SSH_MSG_CHANNEL_REQUEST:exit-status',
        'SSH_MSG_CHANNEL_REQUEST:eow@openssh.com',
        'SSH_MSG_CHANNEL_CLOSE',
      ].sort(),
    );
    const channel0 = onChannel(0);
    expect(channel0).toContainEqual(expect.objectContaining({ type: 'SSH_MSG_CHANNEL_DATA' }));
    for (const packet of channel0) {
      if (packet.type === 'SSH_MSG_CHANNEL_DATA') expect(text(packet.data)).toBe('golden\n');
      if (packet.type === 'SSH_MSG_CHANNEL_EXTENDED_DATA') {
        expect(packet.dataTypeCode).toBe(SSH_EXTENDED_DATA_STDERR);
        expect(text(packet.data)).toBe('oops\n');
      }
    }
    expect(channel0).toContainEqual(
      expect.objectContaining({
        request: { kind: 'exit-status', exitStatus: 3 },
        wantReply: false,
      }),
    );
    for (const channel of [1, 3]) {
      expect(onChannel(channel)).toContainEqual(
        expect.objectContaining({
          request: {
            kind: 'exit-signal',
            signalName: 'TERM',
            coreDumped: false,
            errorMessage: '',
            languageTag: '',
          },
        }),
      );
    }
    expect(summary(3)).toContain('SSH_MSG_CHANNEL_FAILURE');
    expect(onChannel(2)).toEqual([
      {
        type: 'SSH_MSG_CHANNEL_OPEN_FAILURE',
        recipientChannel: 2,
        reasonCode: SSH_OPEN_CONNECT_FAILED,
        description: 'Connection refused',
        languageTag: '',
      },
    ]);
    expect(onChannel(4)).toContainEqual(
      expect.objectContaining({ request: { kind: 'exit-status', exitStatus: 0 } }),
    );
  });

  it('decodes the client side the master accepted', () => {
    const client = decodeControlStream([fromClient]);
    expect(client.mux.map((message) => message.type)).toEqual([
      'MUX_MSG_HELLO',
      'MUX_C_ALIVE_CHECK',
      'MUX_C_PROXY',
    ]);
    const requests = client.proxy.flatMap((packet) =>
      packet.type === 'SSH_MSG_CHANNEL_REQUEST' ? [packet.request.kind] : [],
    );
    expect(requests).toEqual([
      'exec',
      'exec',
      'env',
      'pty-req',
      'exec',
      'window-change',
      'keepalive@openssh.com',
      'signal',
      'subsystem',
    ]);
  });

  it('re-encodes both directions byte for byte (mirror)', () => {
    for (const stream of [fromMaster, fromClient]) {
      const { mux, proxy } = decodeControlStream([stream]);
      const encoded = concatBytes([...mux.map(encodeMuxMessage), ...proxy.map(encodeProxyPacket)]);
      expect(encoded).toEqual(stream);
    }
  });

  it('decodes the same whatever the chunking: as captured, and split at every offset', () => {
    expect(decodeControlStream(chunksOf(fromMaster, goldens.masterChunks))).toEqual(master);
    for (let split = 0; split <= fromMaster.length; split += 1) {
      expect(
        decodeControlStream([fromMaster.subarray(0, split), fromMaster.subarray(split)]),
      ).toEqual(master);
    }
  });
});
