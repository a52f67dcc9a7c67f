import { SftpError } from './sftp-error.js';

/**
 * Splits a byte stream into SFTP packets: uint32 length, then that many
 * bytes (type byte first). Incremental: `push` takes chunks cut anywhere and
 * returns the payloads completed so far, keeping a partial frame for the
 * next call.
 *
 * Lengths are untrusted: a declared length of 0 or above `maxPayloadLength`
 * throws `SftpError('protocol')` before anything is allocated. With `push`,
 * a payload that lies inside one chunk is returned as a view of that chunk
 * (no copy); otherwise it is assembled once into its own buffer. With
 * `pushLent`, for chunks only lent for the call, every payload is assembled
 * into its own buffer and no view of the chunk is kept. One decoder is fed
 * one way only.
 */
export class FrameDecoder {
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private frameLength = -1;
  /** `pushLent`: the length prefix read so far, and the payload being assembled. */
  private readonly lentPrefix = new Uint8Array(4);
  private lentPrefixFilled = 0;
  private lentPayload: Uint8Array | undefined;
  private lentPayloadFilled = 0;

  /**
   * @param allocate Where frames spanning several chunks are assembled
   *   (e.g. a `BufferPool`); default: a fresh unzeroed buffer.
   */
  constructor(
    private maxPayloadLength: number,
    private readonly allocate: (size: number) => Uint8Array = (size) =>
      Buffer.allocUnsafeSlow(size),
  ) {}

  /** Raises (or lowers) the bound, e.g. after `limits@openssh.com` answered. */
  setMaxPayloadLength(length: number): void {
    this.maxPayloadLength = length;
  }

  /** Bytes held for an incomplete frame. */
  get bufferedLength(): number {
    const lent =
      this.lentPayload === undefined ? this.lentPrefixFilled : 4 + this.lentPayloadFilled;
    return this.pendingLength + lent;
  }

  /**
   * Feeds one chunk of the stream (any size, cut anywhere) and returns the
   * payloads it completed, in order, possibly none: each is a packet
   * without its length prefix, type byte first. A payload lying wholly
   * inside `chunk` is a view of it, so the chunk must stay unchanged while
   * the payloads are in use (else use {@link FrameDecoder.pushLent}).
   * Throws `SftpError` code `protocol` for a declared length of 0 or above
   * the bound; the stream is then out of step and must be dropped.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    const payloads: Uint8Array[] = [];
    if (this.pendingLength === 0 && this.frameLength < 0) {
      let offset = 0;
      // Fast path: whole frames inside this chunk are returned as views.
      while (chunk.byteLength - offset >= 4) {
        const length = this.checkLength(readUint32(chunk, offset));
        if (chunk.byteLength - offset - 4 < length) break;
        payloads.push(chunk.subarray(offset + 4, offset + 4 + length));
        offset += 4 + length;
      }
      if (offset < chunk.byteLength) this.append(chunk.subarray(offset));
      return payloads;
    }
    this.append(chunk);
    for (;;) {
      if (this.frameLength < 0) {
        if (this.pendingLength < 4) break;
        this.frameLength = this.checkLength(readUint32(this.take(4), 0));
      }
      if (this.pendingLength < this.frameLength) break;
      payloads.push(this.take(this.frameLength));
      this.frameLength = -1;
      if (this.pendingLength > 0 && this.pending.length === 1) {
        // Back on a single chunk: let the fast path handle the rest.
        const rest = this.pending[0]!;
        this.pending = [];
        this.pendingLength = 0;
        payloads.push(...this.push(rest));
        break;
      }
    }
    return payloads;
  }

  /**
   * Like `push`, for a chunk whose memory is reused once this returns: the
   * payloads returned are copies, each assembled as its bytes arrive.
   */
  pushLent(chunk: Uint8Array): Uint8Array[] {
    const payloads: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.byteLength) {
      if (this.lentPayload === undefined) {
        const taken = Math.min(4 - this.lentPrefixFilled, chunk.byteLength - offset);
        this.lentPrefix.set(chunk.subarray(offset, offset + taken), this.lentPrefixFilled);
        this.lentPrefixFilled += taken;
        offset += taken;
        if (this.lentPrefixFilled < 4) break;
        this.lentPrefixFilled = 0;
        this.lentPayload = this.allocate(this.checkLength(readUint32(this.lentPrefix, 0)));
        this.lentPayloadFilled = 0;
      }
      const payload = this.lentPayload;
      const taken = Math.min(
        payload.byteLength - this.lentPayloadFilled,
        chunk.byteLength - offset,
      );
      payload.set(chunk.subarray(offset, offset + taken), this.lentPayloadFilled);
      this.lentPayloadFilled += taken;
      offset += taken;
      if (this.lentPayloadFilled === payload.byteLength) {
        payloads.push(payload);
        this.lentPayload = undefined;
      }
    }
    return payloads;
  }

  private checkLength(length: number): number {
    if (length === 0 || length > this.maxPayloadLength) {
      throw new SftpError(
        'protocol',
        `SFTP packet length ${length} outside 1..${this.maxPayloadLength}`,
      );
    }
    return length;
  }

  private append(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.pending.push(chunk);
    this.pendingLength += chunk.byteLength;
  }

  /** Removes and returns the first `count` buffered bytes (count ≤ pendingLength). */
  private take(count: number): Uint8Array {
    const first = this.pending[0]!;
    if (first.byteLength >= count) {
      const result = first.subarray(0, count);
      if (first.byteLength === count) this.pending.shift();
      else this.pending[0] = first.subarray(count);
      this.pendingLength -= count;
      return result;
    }
    // Every byte is overwritten below, so the buffer need not be zeroed.
    const result = this.allocate(count);
    let filled = 0;
    while (filled < count) {
      const head = this.pending[0]!;
      const used = Math.min(head.byteLength, count - filled);
      result.set(head.subarray(0, used), filled);
      filled += used;
      if (used === head.byteLength) this.pending.shift();
      else this.pending[0] = head.subarray(used);
    }
    this.pendingLength -= count;
    return result;
  }
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset]! << 24) |
      (bytes[offset + 1]! << 16) |
      (bytes[offset + 2]! << 8) |
      bytes[offset + 3]!) >>>
    0
  );
}
