import { encodeChannelDataHeader, encodeExtendedDataHeader } from '@openssh-ts/mux-codec';
import { describe, expect, it } from 'vitest';
import { proxyDataSize } from './proxy-data-size.js';

/** The body length a proxy packet header announces (its first four bytes). */
function bodyLength(header: Uint8Array): number {
  return new DataView(header.buffer, header.byteOffset).getUint32(0);
}

describe('proxyDataSize', () => {
  it('fills exactly two 16 KiB master reads with a DATA packet body', () => {
    const size = proxyDataSize(false);
    expect(bodyLength(encodeChannelDataHeader(7, size))).toBe(32 * 1024);
  });

  it('fills exactly two 16 KiB master reads with an EXTENDED_DATA packet body', () => {
    const size = proxyDataSize(true);
    expect(bodyLength(encodeExtendedDataHeader(7, 1, size))).toBe(32 * 1024);
  });
});
