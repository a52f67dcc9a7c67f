import { describe, expect, it } from 'vitest';
import { caught, fromHex, toHex } from './__fixtures__/hex.js';
import { muxFixtures } from './__fixtures__/mux-fixtures.js';
import { CodecError } from './codec-error.js';
import { decodeMuxMessage } from './mux-decode.js';
import { encodeMuxMessage, type MuxMessageInput } from './mux-encode.js';

function decodeError(hex: string): CodecError {
  const error = caught(() => decodeMuxMessage(fromHex(hex)));
  if (!CodecError.isInstance(error)) throw new Error(`not a CodecError: ${String(error)}`);
  return error;
}

function encodeError(message: MuxMessageInput): CodecError {
  const error = caught(() => encodeMuxMessage(message));
  if (!CodecError.isInstance(error)) throw new Error(`not a CodecError: ${String(error)}`);
  return error;
}

describe('mux messages', () => {
  for (const fixture of muxFixtures) {
    it(`encodes, decodes and mirrors: ${fixture.name}`, () => {
      expect(toHex(encodeMuxMessage(fixture.message))).toBe(fixture.hex);
      const decoded = decodeMuxMessage(fromHex(fixture.hex).subarray(4));
      expect(decoded).toEqual(fixture.message);
      expect(toHex(encodeMuxMessage(decoded))).toBe(fixture.hex);
    });
  }

  it('accepts bytes wherever it accepts text', () => {
    const asText = encodeMuxMessage({ type: 'MUX_S_FAILURE', requestId: 1, reason: 'ü' });
    const asBytes = encodeMuxMessage({
      type: 'MUX_S_FAILURE',
      requestId: 1,
      reason: Uint8Array.of(0xc3, 0xbc),
    });
    expect(asBytes).toEqual(asText);
  });

  it('defaults the reserved field of NEW_SESSION and NEW_STDIO_FWD to empty', () => {
    const frame = encodeMuxMessage({
      type: 'MUX_C_NEW_STDIO_FWD',
      requestId: 6,
      connect: { kind: 'tcp', host: 'h', port: 22 },
    });
    expect(toHex(frame)).toBe(
      '00000015' + '10000008' + '00000006' + '00000000' + '00000001' + '68' + '00000016',
    );
  });

  it('reads non-zero NEW_SESSION flags as true, as mux.c does', () => {
    const payload = fromHex(
      '10000002' +
        '00000001' +
        '00000000' +
        '00000002' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000' +
        '00000000',
    );
    expect(decodeMuxMessage(payload)).toMatchObject({ wantTty: true, environment: [] });
  });
});

describe('malformed mux payloads', () => {
  it.each([
    ['empty', '', 'frame-too-short', 0],
    ['three bytes of type', '100000', 'frame-too-short', 0],
    ['request id cut short', '10000004' + '0000', 'truncated', 4],
    ['trailing byte after ALIVE_CHECK', '10000004' + '00000001' + 'ff', 'trailing-bytes', 8],
    [
      'string longer than the frame',
      '80000003' + '00000001' + '00000010' + '4142',
      'truncated',
      12,
    ],
    ['string length near 2^32', '80000003' + '00000001' + 'fffffffe', 'truncated', 12],
    [
      'NUL inside a mux C string',
      '20000001' + '00000001' + '00000003' + '610062',
      'invalid-value',
      13,
    ],
    [
      'forward port above 65535',
      '10000006' + '00000001' + '00000001' + '00000000' + '00010000' + '00000000' + '00000000',
      'invalid-value',
      16,
    ],
    [
      'unknown forwarding type',
      '10000006' + '00000001' + '00000004' + '00000000' + '00000000' + '00000000' + '00000000',
      'invalid-value',
      8,
    ],
    ['hello extension without value', '00000001' + '00000004' + '00000001' + '61', 'truncated', 13],
  ])('%s', (_name, hex, kind, offset) => {
    const error = decodeError(hex);
    expect(error.kind).toBe(kind);
    expect(error.offset).toBe(offset);
  });

  it('keeps an unknown message type with its body', () => {
    expect(decodeMuxMessage(fromHex('7fffffff' + 'abcd'))).toEqual({
      type: 'unknown',
      messageType: 0x7fffffff,
      body: Uint8Array.of(0xab, 0xcd),
    });
  });
});

describe('values the mux encoder refuses', () => {
  it.each([
    ['negative request id', { type: 'MUX_C_ALIVE_CHECK', requestId: -1 }, 'invalid-argument'],
    ['fractional request id', { type: 'MUX_C_ALIVE_CHECK', requestId: 1.5 }, 'invalid-argument'],
    ['request id of 2^32', { type: 'MUX_C_ALIVE_CHECK', requestId: 2 ** 32 }, 'invalid-argument'],
    [
      'TCP port above 65535',
      {
        type: 'MUX_C_OPEN_FWD',
        requestId: 1,
        forwardType: 'local',
        listen: { kind: 'tcp', host: '', port: 70000 },
        connect: { kind: 'tcp', host: 'h', port: 1 },
      },
      'invalid-argument',
    ],
    [
      'NUL in a forward host',
      {
        type: 'MUX_C_OPEN_FWD',
        requestId: 1,
        forwardType: 'local',
        listen: { kind: 'unix', path: '/tmp/a\0b' },
        connect: { kind: 'tcp', host: 'h', port: 1 },
      },
      'invalid-argument',
    ],
    [
      'NUL bytes in an extension name',
      { type: 'MUX_MSG_HELLO', version: 4, extensions: [{ name: Uint8Array.of(0), value: '' }] },
      'invalid-argument',
    ],
    [
      'an unknown forwarding type',
      {
        type: 'MUX_C_CLOSE_FWD',
        requestId: 1,
        forwardType: 'sideways',
        listen: { kind: 'unix', path: 'a' },
        connect: { kind: 'unix', path: 'b' },
      },
      'invalid-argument',
    ],
    ['an unknown message type', { type: 'MUX_C_NOPE', requestId: 1 }, 'invalid-argument'],
    [
      'a 10 MB string, refused before it is copied',
      { type: 'MUX_S_FAILURE', requestId: 1, reason: 'x'.repeat(10_000_000) },
      'frame-too-long',
    ],
    [
      'a 10 MB byte string, refused before it is copied',
      { type: 'MUX_S_FAILURE', requestId: 1, reason: new Uint8Array(10_000_000) },
      'frame-too-long',
    ],
    [
      'a frame over 256 KiB',
      { type: 'MUX_S_FAILURE', requestId: 1, reason: 'x'.repeat(256 * 1024) },
      'frame-too-long',
    ],
  ])('%s', (_name, message, kind) => {
    expect(encodeError(message as MuxMessageInput).kind).toBe(kind);
  });
});
