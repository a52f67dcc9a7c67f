import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeControlStream, expectScriptedExchange } from './__fixtures__/control-stream.js';
import { concatBytes, fromHex } from './__fixtures__/hex.js';
import { encodeMuxMessage } from './mux-encode.js';
import { encodeProxyPacket } from './proxy-encode.js';

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

function chunksOf(stream: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const size of sizes) {
    chunks.push(stream.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe(`goldens from a real ControlMaster (${goldens.openssh})`, () => {
  const master = decodeControlStream([fromMaster]);

  it('decodes the master side exactly: hello without extensions, alive, proxy reply', () => {
    expect(master.mux).toEqual([
      { type: 'MUX_MSG_HELLO', version: 4, extensions: [] },
      { type: 'MUX_S_ALIVE', requestId: 1, pid: goldens.masterPid },
      { type: 'MUX_S_PROXY', requestId: 2 },
    ]);
  });

  it('decodes the proxied exchange: output, exit status, exit signal, open failure', () => {
    expectScriptedExchange(master, goldens.masterPid);
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
