import { SftpError } from './sftp-error.js';

const utf8 = new TextEncoder();

/**
 * Builds one SFTP packet: a uint32 length prefix (filled in by `finish`),
 * then big-endian SSH wire types. Grows by doubling, so building a WRITE of
 * n bytes copies the data once.
 */
export class PacketWriter {
  private bytes: Uint8Array;
  private view: DataView;
  private length = 4;

  /**
   * @param capacity Expected packet size; exact for a WRITE so it never grows.
   * @param allocate Where the packet is built (e.g. a `BufferPool`); default:
   *   a fresh buffer. Unzeroed either way: only the written prefix is read.
   */
  constructor(
    capacity = 256,
    allocate: (size: number) => Uint8Array = (size) => Buffer.allocUnsafeSlow(size),
  ) {
    this.bytes = allocate(Number.isSafeInteger(capacity) && capacity > 16 ? capacity : 16);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  }

  private reserve(count: number): void {
    const needed = this.length + count;
    if (needed <= this.bytes.byteLength) return;
    const grown: Uint8Array = Buffer.allocUnsafeSlow(Math.max(this.bytes.byteLength * 2, needed));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  byte(value: number): this {
    this.reserve(1);
    this.view.setUint8(this.length, value);
    this.length += 1;
    return this;
  }

  uint32(value: number): this {
    this.reserve(4);
    this.view.setUint32(this.length, value >>> 0);
    this.length += 4;
    return this;
  }

  /** A uint64 from a non-negative safe integer (offsets above 4 GiB are exact). */
  uint64(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new SftpError('invalid-argument', `not a uint64: ${value}`);
    }
    this.reserve(8);
    this.view.setUint32(this.length, Math.floor(value / 0x1_0000_0000));
    this.view.setUint32(this.length + 4, value >>> 0);
    this.length += 8;
    return this;
  }

  /** An SSH `string` from bytes, or from text encoded as UTF-8. */
  string(value: Uint8Array | string): this {
    const bytes = typeof value === 'string' ? utf8.encode(value) : value;
    this.uint32(bytes.byteLength);
    this.reserve(bytes.byteLength);
    this.bytes.set(bytes, this.length);
    this.length += bytes.byteLength;
    return this;
  }

  /** Raw bytes without a length prefix. */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.byteLength);
    this.bytes.set(bytes, this.length);
    this.length += bytes.byteLength;
    return this;
  }

  /** The finished packet, length prefix included. The writer must not be reused. */
  finish(): Uint8Array {
    this.view.setUint32(0, this.length - 4);
    return this.bytes.subarray(0, this.length);
  }
}

/** Encodes fields without a length prefix (e.g. the body of an extended request). */
export function encodeFields(build: (writer: PacketWriter) => void): Uint8Array {
  const writer = new PacketWriter();
  build(writer);
  return writer.finish().subarray(4);
}
