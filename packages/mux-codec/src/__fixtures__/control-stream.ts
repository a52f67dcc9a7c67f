import { expect } from 'vitest';
import { MuxDecoder } from '../mux-decoder.js';
import type { MuxMessage } from '../mux-messages.js';
import { ProxyPacketDecoder } from '../proxy-packet-decoder.js';
import type { ProxyPacket } from '../proxy-packets.js';
import { SSH_EXTENDED_DATA_STDERR, SSH_OPEN_CONNECT_FAILED } from '../ssh-constants.js';
import { concatBytes } from './hex.js';

/** A control stream decoded the way a transport does it. */
export interface DecodedControlStream {
  readonly mux: MuxMessage[];
  readonly proxy: ProxyPacket[];
}

/** Mux messages until the proxy switch, then proxy packets on the same stream. */
export function decodeControlStream(chunks: readonly Uint8Array[]): DecodedControlStream {
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

const text = (parts: readonly Uint8Array[]): string => new TextDecoder().decode(concatBytes(parts));

/**
 * Checks the master's side of the conversation scripted in live-master.ts.
 * Tolerant of what sshd may order or split differently from run to run.
 */
export function expectScriptedExchange(master: DecodedControlStream, masterPid: number): void {
  expect(master.mux).toMatchObject([
    { type: 'MUX_MSG_HELLO', version: 4 },
    { type: 'MUX_S_ALIVE', requestId: 1, pid: masterPid },
    { type: 'MUX_S_PROXY', requestId: 2 },
  ]);
  const onChannel = (channel: number): ProxyPacket[] =>
    master.proxy.filter(
      (packet) => 'recipientChannel' in packet && packet.recipientChannel === channel,
    );
  const requests = (channel: number) =>
    onChannel(channel).flatMap((packet) =>
      packet.type === 'SSH_MSG_CHANNEL_REQUEST' ? [packet.request] : [],
    );

  const first = onChannel(0);
  expect(first[0]?.type).toBe('SSH_MSG_CHANNEL_OPEN_CONFIRMATION');
  expect(first.at(-1)?.type).toBe('SSH_MSG_CHANNEL_CLOSE');
  expect(first.map((packet) => packet.type)).toContain('SSH_MSG_CHANNEL_EOF');
  const stdout = first.flatMap((packet) =>
    packet.type === 'SSH_MSG_CHANNEL_DATA' ? [packet.data] : [],
  );
  const stderr = first.flatMap((packet) =>
    packet.type === 'SSH_MSG_CHANNEL_EXTENDED_DATA' &&
    packet.dataTypeCode === SSH_EXTENDED_DATA_STDERR
      ? [packet.data]
      : [],
  );
  expect(text(stdout)).toBe('golden\n');
  expect(text(stderr)).toBe('oops\n');
  expect(requests(0)).toContainEqual({ kind: 'exit-status', exitStatus: 3 });

  for (const channel of [1, 3]) {
    expect(requests(channel)).toContainEqual({
      kind: 'exit-signal',
      signalName: 'TERM',
      coreDumped: false,
      errorMessage: '',
      languageTag: '',
    });
  }
  // keepalive@openssh.com on a channel is refused by sshd.
  expect(onChannel(3).map((packet) => packet.type)).toContain('SSH_MSG_CHANNEL_FAILURE');
  expect(onChannel(2)).toEqual([
    {
      type: 'SSH_MSG_CHANNEL_OPEN_FAILURE',
      recipientChannel: 2,
      reasonCode: SSH_OPEN_CONNECT_FAILED,
      description: 'Connection refused',
      languageTag: '',
    },
  ]);
  expect(requests(4)).toContainEqual({ kind: 'exit-status', exitStatus: 0 });
}
