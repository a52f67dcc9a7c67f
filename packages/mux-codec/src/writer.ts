import { CodecError } from './codec-error.js';
import { CHANNEL_MUX_MAX_PACKET } from './mux-constants.js';
import type { SshText } from './text.js';
import { writeUint32 } from './uint32.js';

const encoder = new TextEncoder();

/** Throws `invalid-argument` unless `value` fits an SSH `uint32`. */
export function checkUint32(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new CodecError(
      'invalid-argument',
      `${what} must be an integer in [0, 2^32), got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Growable frame builder (private to the package). It starts with four bytes
 * reserved for the frame's length prefix, which `frame()` fills in.
 */
export class Writer {
  private bytes: Uint8Array;
  private position = 4;

  constructor(initialCapacity = 128) {
    this.bytes = new Uint8Array(initialCapacity);
  }

  private ensure(count: number): void {
    const needed = this.position + count;
    if (needed <= this.bytes.length) return;
    // Refuse before allocating: a huge string must not cost a huge buffer first.
    if (needed - 4 > CHANNEL_MUX_MAX_PACKET * 3) {
      throw new CodecError(
        'frame-too-long',
        `encoded frame would exceed ${CHANNEL_MUX_MAX_PACKET} bytes`,
      );
    }
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.position));
    this.bytes = grown;
  }

  /** Appends a byte (the caller passes 0–255). */
  uint8(value: number): this {
    this.ensure(1);
    this.bytes[this.position++] = value;
    return this;
  }

  /** Appends a big-endian uint32, refusing anything else. */
  uint32(value: number, what: string): this {
    checkUint32(value, what);
    this.ensure(4);
    writeUint32(this.bytes, this.position, value);
    this.position += 4;
    return this;
  }

  /** Appends an SSH boolean: 1 or 0. */
  boolean(value: boolean): this {
    return this.uint8(value ? 1 : 0);
  }

  /** Appends bytes without a length. */
  raw(value: Uint8Array): this {
    this.ensure(value.length);
    this.bytes.set(value, this.position);
    this.position += value.length;
    return this;
  }

  /**
   * Appends an SSH `string`. With `noNul` (mux strings, which OpenSSH reads
   * as C strings) an embedded NUL is an `invalid-argument` instead of a
   * string the master would refuse.
   */
  text(value: SshText, what: string, noNul = false): this {
    if (typeof value !== 'string') {
      if (noNul && value.includes(0)) throw nulError(what);
      this.uint32(value.length, `length of ${what}`);
      return this.raw(value);
    }
    if (noNul && value.includes('\0')) throw nulError(what);
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    this.ensure(4 + value.length * 3);
    const lengthAt = this.position;
    const { written } = encoder.encodeInto(value, this.bytes.subarray(lengthAt + 4));
    this.position = lengthAt;
    this.uint32(written, `length of ${what}`);
    this.position += written;
    return this;
  }

  /** Length of the frame so far, prefix excluded. */
  payloadLength(): number {
    return this.position - 4;
  }

  /**
   * Writes the length prefix and returns the frame, refusing one longer than
   * `maximumLength` (the peer would drop the connection over it).
   */
  frame(maximumLength: number): Uint8Array {
    const length = this.position - 4;
    if (length > maximumLength) {
      throw new CodecError(
        'frame-too-long',
        `encoded frame of ${length} bytes exceeds ${maximumLength}`,
      );
    }
    const bytes = this.bytes;
    writeUint32(bytes, 0, length);
    // Trim when most of the buffer is slack, so a long-lived frame does not pin it.
    return this.position * 2 < bytes.length
      ? bytes.slice(0, this.position)
      : bytes.subarray(0, this.position);
  }
}

function nulError(what: string): CodecError {
  return new CodecError(
    'invalid-argument',
    `${what} contains a NUL byte, which OpenSSH would refuse`,
  );
}
