import { describe, expect, it } from 'vitest';
import { caught, fromHex, toHex } from './__fixtures__/hex.js';
import { proxyFixtures } from './__fixtures__/proxy-fixtures.js';
import { CodecError } from './codec-error.js';
import { decodeProxyPacket, readBoundPort } from './proxy-decode.js';
import { encodeProxyPacket, type ProxyPacketInput } from './proxy-encode.js';

function decodeError(hex: string): CodecError {
  const error = caught(() => decodeProxyPacket(fromHex(hex)));
  if (!CodecError.isInstance(error)) throw new Error(`not a CodecError: ${String(error)}`);
  return error;
}

describe('proxy packets', () => {
  for (const fixture of proxyFixtures) {
    it(`encodes, decodes and mirrors: ${fixture.name}`, () => {
      const encoded = encodeProxyPacket(fixture.packet);
      if (fixture.hex !== undefined) expect(toHex(encoded)).toBe(fixture.hex);
      expect(encoded[4]).toBe(0);
      const decoded = decodeProxyPacket(encoded.subarray(4));
      expect(decoded).toEqual(fixture.packet);
      expect(encodeProxyPacket(decoded)).toEqual(encoded);
    });
  }

  it('hands DATA payloads out as views, not copies', () => {
    const frame = encodeProxyPacket({
      type: 'SSH_MSG_CHANNEL_DATA',
      recipientChannel: 1,
      data: Uint8Array.of(1, 2, 3),
    });
    const packet = decodeProxyPacket(frame.subarray(4));
    if (packet.type !== 'SSH_MSG_CHANNEL_DATA') throw new Error(packet.type);
    expect(packet.data.buffer).toBe(frame.buffer);
    const extended = encodeProxyPacket({
      type: 'SSH_MSG_CHANNEL_EXTENDED_DATA',
      recipientChannel: 1,
      dataTypeCode: 1,
      data: Uint8Array.of(4),
    });
    const decoded = decodeProxyPacket(extended.subarray(4));
    if (decoded.type !== 'SSH_MSG_CHANNEL_EXTENDED_DATA') throw new Error(decoded.type);
    expect(decoded.data.buffer).toBe(extended.buffer);
  });

  it('reads the port of a tcpip-forward reply', () => {
    expect(readBoundPort(Uint8Array.of(0, 0, 0x9c, 0x40))).toBe(40_000);
    expect(readBoundPort(Uint8Array.of())).toBeUndefined();
  });

  it('encodes text given as bytes like the same text given as a string', () => {
    const request = (command: string | Uint8Array): ProxyPacketInput => ({
      type: 'SSH_MSG_CHANNEL_REQUEST',
      recipientChannel: 0,
      wantReply: true,
      request: { kind: 'exec', command },
    });
    expect(encodeProxyPacket(request(Uint8Array.of(0x6c, 0x73)))).toEqual(
      encodeProxyPacket(request('ls')),
    );
  });
});

describe('malformed proxy payloads', () => {
  it.each([
    ['empty', '', 'frame-too-short', 0],
    ['padding length only', '00', 'frame-too-short', 0],
    ['non-zero padding length', '04' + '60' + '00000000', 'invalid-value', 0],
    ['EOF without recipient', '00' + '60' + '0000', 'truncated', 2],
    ['EOF with a trailing byte', '00' + '60' + '00000000' + '00', 'trailing-bytes', 6],
    ['DATA longer than its frame', '00' + '5e' + '00000000' + '00000005' + '6162', 'truncated', 10],
    [
      'DATA shorter than its frame',
      '00' + '5e' + '00000000' + '00000001' + '6162',
      'trailing-bytes',
      11,
    ],
    [
      'request without want-reply',
      '00' + '62' + '00000000' + '00000005' + '7368656c6c',
      'truncated',
      15,
    ],
    [
      'pty-req with an undefined mode opcode',
      '00' +
        '62' +
        '00000000' +
        '00000007' +
        '7074792d726571' +
        '00' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000002' +
        'a000',
      'invalid-value',
      42,
    ],
    [
      'pty-req modes without TTY_OP_END',
      '00' +
        '62' +
        '00000000' +
        '00000007' +
        '7074792d726571' +
        '00' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000005' +
        '3500000001',
      'truncated',
      47,
    ],
    [
      'pty-req mode argument cut by the modes string',
      '00' +
        '62' +
        '00000000' +
        '00000007' +
        '7074792d726571' +
        '00' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000003' +
        '350000' +
        '0000',
      'truncated',
      43,
    ],
    [
      'pty-req bytes after TTY_OP_END',
      '00' +
        '62' +
        '00000000' +
        '00000007' +
        '7074792d726571' +
        '00' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000002' +
        '0000',
      'trailing-bytes',
      43,
    ],
    [
      'exit-status with a trailing byte',
      '00' + '62' + '00000000' + '0000000b' + '657869742d737461747573' + '00' + '00000003' + '01',
      'trailing-bytes',
      26,
    ],
  ])('%s', (_name, hex, kind, offset) => {
    const error = decodeError(hex);
    expect(error.kind).toBe(kind);
    expect(error.offset).toBe(offset);
  });

  it('accepts an empty terminal-modes string as no modes', () => {
    const packet = decodeProxyPacket(
      fromHex(
        '00' +
          '62' +
          '00000000' +
          '00000007' +
          '7074792d726571' +
          '00' +
          '00000000' +
          '00000000' +
          '00000000' +
          '00000000' +
          '00000000' +
          '00000000',
      ),
    );
    expect(packet).toMatchObject({ request: { kind: 'pty-req', terminalModes: [] } });
  });
});

describe('values the proxy encoder refuses', () => {
  it.each([
    [
      'a recipient channel of 2^32',
      { type: 'SSH_MSG_CHANNEL_EOF', recipientChannel: 2 ** 32 },
      'invalid-argument',
    ],
    [
      'a message number above 255',
      { type: 'unknown', messageNumber: 256, payload: new Uint8Array() },
      'invalid-argument',
    ],
    [
      'a terminal mode opcode of 160',
      {
        type: 'SSH_MSG_CHANNEL_REQUEST',
        recipientChannel: 0,
        wantReply: true,
        request: {
          kind: 'pty-req',
          terminalType: 'x',
          widthCharacters: 0,
          heightRows: 0,
          widthPixels: 0,
          heightPixels: 0,
          terminalModes: [{ opcode: 160, argument: 0 }],
        },
      },
      'invalid-argument',
    ],
    [
      'DATA over 256 KiB',
      { type: 'SSH_MSG_CHANNEL_DATA', recipientChannel: 0, data: new Uint8Array(256 * 1024) },
      'frame-too-long',
    ],
    ['an unknown packet type', { type: 'SSH_MSG_NOPE' }, 'invalid-argument'],
  ])('%s', (_name, packet, kind) => {
    const error = caught(() => encodeProxyPacket(packet as ProxyPacketInput));
    expect(CodecError.isInstance(error) && error.kind).toBe(kind);
  });
});
