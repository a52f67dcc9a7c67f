import { CodecError } from './codec-error.js';
import { CHANNEL_MUX_MAX_PACKET } from './mux-constants.js';
import { readUint32 } from './uint32.js';

/** Options of the incremental decoders. */
export interface DecoderOptions {
  /**
   * Largest accepted frame, length prefix excluded. Default 256 KiB
   * (OpenSSH's `CHANNEL_MUX_MAX_PACKET`). A longer length prefix is a
   * `frame-too-long` error as soon as its four bytes arrive, so a hostile
   * peer can never make the decoder buffer more than this plus four bytes.
   */
  readonly maximumFrameLength?: number;
}

/** Decodes one frame's payload `bytes[start, end)`; `origin` is the stream offset of `bytes[0]`. */
export type PayloadDecoder<Message> = (
  bytes: Uint8Array,
  start: number,
  end: number,
  origin: number,
) => Message;

const EMPTY = new Uint8Array(0);

/**
 * Incremental `uint32 length` + payload framing shared by both decoders.
 *
 * Buffer lifetime: a frame that lies inside one pushed chunk is decoded in
 * place, so views in its message (DATA payloads, unknown bodies) point into
 * that chunk — do not reuse a chunk after pushing it. A frame split across
 * chunks is copied into a buffer allocated for that frame alone and never
 * reused, so views stay valid for as long as the caller keeps them.
 */
export class FrameDecoder<Message> {
  private readonly decodePayload: PayloadDecoder<Message>;
  private readonly isLastMessage: (message: Message) => boolean;
  private readonly maximumFrameLength: number;
  /** Bytes of the frame being assembled across chunks (4 while its length is unknown). */
  private partial: Uint8Array = EMPTY;
  private partialFilled = 0;
  /** Stream offset of `partial[0]`. */
  private partialOrigin = 0;
  /** Stream offset of the next byte to be pushed. */
  private streamOffset = 0;
  /** Undecoded bytes after the last message (set once `isLastMessage` matched). */
  private leftover: Uint8Array | undefined;
  private closed = false;
  private failed: CodecError | undefined;

  constructor(
    decodePayload: PayloadDecoder<Message>,
    options: DecoderOptions,
    isLastMessage: (message: Message) => boolean = () => false,
  ) {
    const maximum = options.maximumFrameLength ?? CHANNEL_MUX_MAX_PACKET;
    if (!Number.isInteger(maximum) || maximum < 0 || maximum > 0xffffffff) {
      throw new CodecError(
        'invalid-argument',
        `maximumFrameLength must be a uint32, got ${String(maximum)}`,
      );
    }
    this.decodePayload = decodePayload;
    this.isLastMessage = isLastMessage;
    this.maximumFrameLength = maximum;
  }

  /** The error that failed this decoder, if any; every later `push()` throws it again. */
  get failure(): CodecError | undefined {
    return this.failed;
  }

  /** Bytes held that do not yet make a whole frame. */
  get bufferedLength(): number {
    return this.partialFilled + (this.leftover?.length ?? 0);
  }

  /** Total bytes pushed so far (the stream offset of the next byte). */
  get bytesPushed(): number {
    return this.streamOffset;
  }

  /**
   * Feeds bytes; returns every message completed by them, in order, and
   * keeps any partial frame for the next call. Throws a CodecError for
   * malformed input (the messages completed before the bad frame are in its
   * `decodedBeforeFailure`), after which the decoder stays failed.
   */
  push(chunk: Uint8Array): Message[] {
    if (this.failed !== undefined) throw this.failed;
    if (chunk.length === 0) return [];
    if (this.closed || this.leftover !== undefined) {
      throw new CodecError(
        'decoder-closed',
        this.closed
          ? 'bytes pushed after takeRemainder()'
          : 'bytes pushed after the stream switched framing; call takeRemainder()',
        { offset: this.streamOffset },
      );
    }
    const messages: Message[] = [];
    const origin = this.streamOffset;
    try {
      let position = this.partialFilled > 0 ? this.continuePartial(chunk, messages) : 0;
      const end = chunk.length;
      while (position < end) {
        if (this.leftover !== undefined) {
          this.leftover = chunk.subarray(position);
          break;
        }
        const available = end - position;
        if (available < 4) {
          this.startPartial(chunk, position, 4, origin);
          break;
        }
        const length = this.checkLength(readUint32(chunk, position), origin + position);
        if (available - 4 < length) {
          this.startPartial(chunk, position, 4 + length, origin);
          break;
        }
        const message = this.decodePayload(chunk, position + 4, position + 4 + length, origin);
        messages.push(message);
        position += 4 + length;
        if (this.isLastMessage(message)) this.leftover = chunk.subarray(position);
      }
    } catch (error) {
      this.partial = EMPTY;
      this.partialFilled = 0;
      if (!CodecError.isInstance(error)) {
        this.failed = new CodecError('invalid-value', 'decoder failed unexpectedly', {
          cause: error,
        });
      } else if (messages.length === 0) {
        this.failed = error;
      } else {
        this.failed = new CodecError(error.kind, error.reason, {
          ...(error.offset === undefined ? {} : { offset: error.offset }),
          decodedBeforeFailure: messages,
          cause: error.cause,
        });
      }
      throw this.failed;
    } finally {
      this.streamOffset = origin + chunk.length;
    }
    return messages;
  }

  /**
   * Ends decoding and returns the bytes received but not decoded: those
   * after a framing switch (e.g. proxy packets behind `MUX_S_PROXY`), or a
   * partial frame. Later `push()` calls throw `decoder-closed`.
   */
  takeRemainder(): Uint8Array {
    const remainder =
      this.leftover !== undefined && this.partialFilled === 0
        ? this.leftover
        : concat(this.partial.subarray(0, this.partialFilled), this.leftover ?? EMPTY);
    this.closed = true;
    this.leftover = undefined;
    this.partial = EMPTY;
    this.partialFilled = 0;
    return remainder;
  }

  /**
   * Call at the end of the stream: throws `truncated` if a frame was cut off
   * (a peer that vanished mid-frame), or the decoder's failure.
   */
  finish(): void {
    if (this.failed !== undefined) throw this.failed;
    if (this.partialFilled > 0) {
      this.failed = new CodecError(
        'truncated',
        `stream ended ${this.partialFilled} bytes into a frame`,
        {
          offset: this.partialOrigin,
        },
      );
      throw this.failed;
    }
  }

  private checkLength(length: number, offset: number): number {
    if (length > this.maximumFrameLength) {
      throw new CodecError(
        'frame-too-long',
        `frame length ${length} exceeds ${this.maximumFrameLength}`,
        { offset },
      );
    }
    return length;
  }

  private startPartial(chunk: Uint8Array, position: number, size: number, origin: number): void {
    this.partial = new Uint8Array(size);
    this.partial.set(chunk.subarray(position));
    this.partialFilled = chunk.length - position;
    this.partialOrigin = origin + position;
  }

  /** Completes the pending frame from `chunk`; returns how many bytes of `chunk` it used. */
  private continuePartial(chunk: Uint8Array, messages: Message[]): number {
    let position = 0;
    if (this.partial.length === 4) {
      const take = Math.min(4 - this.partialFilled, chunk.length);
      this.partial.set(chunk.subarray(0, take), this.partialFilled);
      this.partialFilled += take;
      position = take;
      if (this.partialFilled < 4) return position;
      const length = this.checkLength(readUint32(this.partial, 0), this.partialOrigin);
      if (length > 0) {
        const frame = new Uint8Array(4 + length);
        frame.set(this.partial);
        this.partial = frame;
      }
    }
    const take = Math.min(this.partial.length - this.partialFilled, chunk.length - position);
    this.partial.set(chunk.subarray(position, position + take), this.partialFilled);
    this.partialFilled += take;
    position += take;
    if (this.partialFilled < this.partial.length) return position;
    const frame = this.partial;
    this.partial = EMPTY;
    this.partialFilled = 0;
    const message = this.decodePayload(frame, 4, frame.length, this.partialOrigin);
    messages.push(message);
    if (this.isLastMessage(message)) this.leftover = chunk.subarray(position);
    return position;
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (second.length === 0) return first.slice();
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
