import { CodecError } from './codec-error.js';
import { decodeText } from './text.js';
import { readUint32 } from './uint32.js';

/**
 * Cursor over one frame's bytes (private to the package). Every read goes
 * through `require(n)`, which throws a `truncated` CodecError instead of
 * reading past the frame; offsets in errors are `origin` plus the position,
 * so they point into the caller's stream.
 */
export class Reader {
  readonly bytes: Uint8Array;
  position: number;
  readonly end: number;
  private readonly origin: number;

  /** Reads `bytes[start, end)`; `origin` is the stream offset of `bytes[0]`. */
  constructor(bytes: Uint8Array, start: number, end: number, origin: number) {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
    this.origin = origin;
  }

  /** Stream offset of the cursor, for error reports. */
  offset(): number {
    return this.origin + this.position;
  }

  /** Bytes left in the frame. */
  remaining(): number {
    return this.end - this.position;
  }

  /** Claims `count` bytes and returns where they start, or throws `truncated`. */
  require(count: number, what: string): number {
    const start = this.position;
    if (count > this.end - start) {
      throw new CodecError('truncated', `${what} needs ${count} bytes, ${this.end - start} left`, {
        offset: this.origin + start,
      });
    }
    this.position = start + count;
    return start;
  }

  /** A byte. */
  uint8(what: string): number {
    return this.bytes[this.require(1, what)]!;
  }

  /** A big-endian uint32. */
  uint32(what: string): number {
    return readUint32(this.bytes, this.require(4, what));
  }

  /** RFC 4251 §5: any non-zero byte is TRUE. */
  boolean(what: string): boolean {
    return this.uint8(what) !== 0;
  }

  /** An SSH `string` as a view into the frame (no copy). */
  byteString(what: string): Uint8Array {
    const length = this.uint32(`length of ${what}`);
    const at = this.require(length, what);
    return this.bytes.subarray(at, at + length);
  }

  /** An SSH `string` decoded as UTF-8. */
  text(what: string): string {
    const length = this.uint32(`length of ${what}`);
    const at = this.require(length, what);
    return decodeText(this.bytes, at, at + length);
  }

  /**
   * A mux string: OpenSSH reads these with `sshbuf_get_cstring`, which
   * refuses an embedded NUL, so a NUL here is an `invalid-value`.
   */
  cText(what: string): string {
    const length = this.uint32(`length of ${what}`);
    const at = this.require(length, what);
    const nul = this.bytes.subarray(at, at + length).indexOf(0);
    if (nul !== -1) {
      throw new CodecError('invalid-value', `${what} contains a NUL byte`, {
        offset: this.origin + at + nul,
      });
    }
    return decodeText(this.bytes, at, at + length);
  }

  /** The rest of the frame as a view. */
  rest(): Uint8Array {
    const at = this.position;
    this.position = this.end;
    return this.bytes.subarray(at, this.end);
  }

  /** Throws `trailing-bytes` unless the frame is used up. */
  finish(what: string): void {
    if (this.position !== this.end) {
      throw new CodecError('trailing-bytes', `${this.end - this.position} bytes after ${what}`, {
        offset: this.origin + this.position,
      });
    }
  }
}
