import { describe, expect, it } from 'vitest';
import { caught, concatBytes } from './__fixtures__/hex.js';
import {
  CHANNEL_DATA_HEADER_LENGTH,
  CHANNEL_EXTENDED_DATA_HEADER_LENGTH,
  encodeChannelData,
  encodeChannelDataHeader,
  encodeExtendedDataHeader,
} from './channel-data.js';
import { CodecError } from './codec-error.js';
import { encodeProxyPacket } from './proxy-encode.js';
import { SSH_EXTENDED_DATA_STDERR } from './ssh-constants.js';

describe('DATA fast path', () => {
  const data = Uint8Array.from({ length: 300 }, (_, index) => index & 0xff);

  it('header + payload equals the whole packet', () => {
    const header = encodeChannelDataHeader(7, data.length);
    expect(header.length).toBe(CHANNEL_DATA_HEADER_LENGTH);
    const whole = encodeProxyPacket({ type: 'SSH_MSG_CHANNEL_DATA', recipientChannel: 7, data });
    expect(concatBytes([header, data])).toEqual(whole);
    expect(encodeChannelData(7, data)).toEqual(whole);
  });

  it('extended header + payload equals the whole packet', () => {
    const header = encodeExtendedDataHeader(7, SSH_EXTENDED_DATA_STDERR, data.length);
    expect(header.length).toBe(CHANNEL_EXTENDED_DATA_HEADER_LENGTH);
    const whole = encodeProxyPacket({
      type: 'SSH_MSG_CHANNEL_EXTENDED_DATA',
      recipientChannel: 7,
      dataTypeCode: SSH_EXTENDED_DATA_STDERR,
      data,
    });
    expect(concatBytes([header, data])).toEqual(whole);
  });

  it('accepts the largest payload the master takes and refuses one byte more', () => {
    const largest = 256 * 1024 - 10;
    expect(encodeChannelDataHeader(0, largest)).toHaveLength(CHANNEL_DATA_HEADER_LENGTH);
    const error = caught(() => encodeChannelDataHeader(0, largest + 1));
    expect(CodecError.isInstance(error) && error.kind).toBe('frame-too-long');
  });

  it.each([
    ['negative channel', () => encodeChannelDataHeader(-1, 1)],
    ['fractional length', () => encodeChannelDataHeader(0, 1.5)],
    ['data type code of 2^32', () => encodeExtendedDataHeader(0, 2 ** 32, 1)],
  ])('refuses a %s', (_name, encode) => {
    const error = caught(encode);
    expect(CodecError.isInstance(error) && error.kind).toBe('invalid-argument');
  });
});
