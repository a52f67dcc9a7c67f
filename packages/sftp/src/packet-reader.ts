import { SftpError } from './sftp-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Reads big-endian SSH wire types (RFC 4251 §5) from one packet payload.
 * Every read checks the remaining length first, so a truncated or lying
 * packet becomes an `SftpError('protocol')`, never an out-of-bounds read.
 * Returned byte strings are views into the payload (no copy).
 */
export class PacketReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.bytes.byteLength - this.offset;
  }

  private require(count: number, what: string): void {
    if (count > this.remaining) {
      throw new SftpError(
        'protocol',
        `SFTP packet truncated: ${what} needs ${count} bytes, ${this.remaining} left`,
      );
    }
  }

  byte(): number {
    this.require(1, 'byte');
    return this.view.getUint8(this.offset++);
  }

  uint32(): number {
    this.require(4, 'uint32');
    const value = this.view.getUint32(this.offset);
    this.offset += 4;
    return value;
  }

  /** A uint64 as a number; above 2^53 − 1 it cannot be exact, so it is a protocol error. */
  uint64(): number {
    this.require(8, 'uint64');
    const high = this.view.getUint32(this.offset);
    const low = this.view.getUint32(this.offset + 4);
    this.offset += 8;
    if (high > 0x1fffff) throw new SftpError('protocol', 'SFTP uint64 value exceeds 2^53 - 1');
    return high * 0x1_0000_0000 + low;
  }

  /** A uint64 that may be huge (statvfs fields, limits); clamped to MAX_SAFE_INTEGER. */
  uint64Clamped(): number {
    this.require(8, 'uint64');
    const high = this.view.getUint32(this.offset);
    const low = this.view.getUint32(this.offset + 4);
    this.offset += 8;
    return high > 0x1fffff ? Number.MAX_SAFE_INTEGER : high * 0x1_0000_0000 + low;
  }

  /** An SSH `string`: uint32 length then that many bytes (a view). */
  string(): Uint8Array {
    const length = this.uint32();
    this.require(length, 'string');
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  /** An SSH `string` decoded as UTF-8 (invalid sequences become U+FFFD). */
  text(): string {
    return utf8.decode(this.string());
  }

  /** Throws unless the whole payload was consumed. */
  end(what: string): void {
    if (this.remaining !== 0) {
      throw new SftpError(
        'protocol',
        `SFTP ${what} has ${this.remaining} unexpected trailing bytes`,
      );
    }
  }
}
