const BRAND = Symbol.for('openssh-ts.mux-codec.CodecError');

/**
 * What was wrong with the bytes (or, for `invalid-argument`, with a value
 * given to an encoder), as a stable string:
 *
 * - `truncated`: a field runs past the end of its frame, or the stream ended
 *   inside a frame.
 * - `frame-too-long`: a length prefix exceeds the decoder's bound (default
 *   256 KiB, OpenSSH's `CHANNEL_MUX_MAX_PACKET`), or an encoded frame would.
 * - `frame-too-short`: a frame is shorter than its framing needs (4 bytes of
 *   message type for mux frames; padding length and type byte for packets).
 * - `trailing-bytes`: a message ends before its frame does.
 * - `invalid-value`: a field holds a value outside its domain (non-zero
 *   padding, a port above 65535, an unknown forwarding type, a NUL inside a
 *   mux string, an undefined terminal-mode opcode). Also used, with a `cause`,
 *   should a decoder ever fail in a way this package did not foresee (a bug).
 * - `invalid-argument`: an encoder was given something it cannot put on the
 *   wire (a number that is not a uint32, a NUL in a mux string).
 * - `decoder-closed`: bytes were pushed after `takeRemainder()`.
 */
export type CodecErrorKind =
  | 'truncated'
  | 'frame-too-long'
  | 'frame-too-short'
  | 'trailing-bytes'
  | 'invalid-value'
  | 'invalid-argument'
  | 'decoder-closed';

/** Everything a {@link CodecError} may carry besides its kind and message. */
export interface CodecErrorDetails {
  /**
   * Byte offset of the problem: from the first byte ever pushed for a
   * decoder, from the start of the payload for `decodeMuxMessage` /
   * `decodeProxyPacket`; absent for encoder errors.
   */
  readonly offset?: number;
  /**
   * Messages a decoder completed in the same `push()` before it met the bad
   * frame, so nothing that arrived intact is lost. Typed as the decoder's
   * message union by the caller (`MuxMessage` or `ProxyPacket`).
   */
  readonly decodedBeforeFailure?: readonly unknown[];
  /** The underlying error, kept as the standard `Error.cause` (set only for unforeseen failures). */
  readonly cause?: unknown;
}

/**
 * The only error this package throws. `kind` says what was wrong, `offset`
 * where. `CodecError.isInstance(value)` also works across duplicate installs
 * of the package, where `instanceof` would not.
 */
export class CodecError extends Error {
  /** Always `'CodecError'`, so logs and `String(error)` name the class. */
  override readonly name = 'CodecError';
  /** What was wrong, as a stable string. */
  readonly kind: CodecErrorKind;
  /** Byte offset of the problem; see {@link CodecErrorDetails.offset}. */
  readonly offset: number | undefined;
  /** See {@link CodecErrorDetails.decodedBeforeFailure}. */
  readonly decodedBeforeFailure: readonly unknown[];
  /** The message without the offset suffix. */
  readonly reason: string;
  private readonly [BRAND] = true;

  constructor(kind: CodecErrorKind, message: string, details: CodecErrorDetails = {}) {
    super(details.offset === undefined ? message : `${message} (at byte ${details.offset})`, {
      cause: details.cause,
    });
    this.kind = kind;
    this.reason = message;
    this.offset = details.offset;
    this.decodedBeforeFailure = details.decodedBeforeFailure ?? [];
  }

  /** Whether `value` is a CodecError, from this or any other copy of the package. */
  static isInstance(value: unknown): value is CodecError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[BRAND] === true
    );
  }
}
