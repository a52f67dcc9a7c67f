const BRAND = Symbol.for('openssh-ts.QuoteError');

/**
 * Why an argument could not be quoted, as a stable string:
 *
 * - `nul-byte`: the argument holds a NUL byte. No shell word (and no `execve`
 *   argument) can carry one, so the only alternatives would be truncation or
 *   silent removal; both would run a different command than the one asked for.
 * - `lone-surrogate`: a string holds an unpaired UTF-16 surrogate, which has no
 *   UTF-8 encoding. Encoding it as U+FFFD would change the argument silently.
 * - `ascii-trailing-newline`: with `ascii: true` in the POSIX family, the
 *   argument ends in a newline. Every POSIX way to produce a control byte from
 *   printable text (`$(printf …)`) strips trailing newlines, and dash has no
 *   `$'…'`, so no self-contained printable word can end in one. Quote the
 *   whole line with `asciiCommandLine` instead, which has no such limit.
 * - `invalid-argument`: the value is neither a string nor a `Uint8Array`
 *   (possible from untyped JavaScript callers).
 * - `invalid-shell`: `options.shell` names no supported shell family.
 */
export type QuoteErrorKind =
  'nul-byte' | 'lone-surrogate' | 'ascii-trailing-newline' | 'invalid-argument' | 'invalid-shell';

/** Where in the input a {@link QuoteError} was found. */
export interface QuoteErrorLocation {
  /** 0 for the program of `quoteCommand` (and for `quote`), `i + 1` for `args[i]`. */
  readonly argumentIndex: number;
  /**
   * Offset into the argument's bytes (UTF-8 for a string) where the problem
   * starts; for `lone-surrogate`, the length of the valid UTF-8 prefix.
   * `-1` when the problem is not at a byte (`invalid-argument`, `invalid-shell`).
   */
  readonly byteOffset: number;
}

/**
 * The one error class of `@openssh-ts/escape`. Nothing is ever truncated or
 * dropped instead: an argument that cannot be expressed is refused with this.
 * `QuoteError.isInstance(value)` also works across duplicate installs of the
 * package, where `instanceof` would not.
 */
export class QuoteError extends Error {
  /** Always `'QuoteError'`. */
  override readonly name = 'QuoteError';
  /** What went wrong; see {@link QuoteErrorKind}. */
  readonly kind: QuoteErrorKind;
  /** 0 for the program of `quoteCommand` (and for `quote`), `i + 1` for `args[i]`. */
  readonly argumentIndex: number;
  /** Byte offset of the problem in the argument (UTF-8 for strings); `-1` if none. */
  readonly byteOffset: number;
  private readonly [BRAND] = true;

  constructor(kind: QuoteErrorKind, message: string, location: QuoteErrorLocation) {
    super(message);
    this.kind = kind;
    this.argumentIndex = location.argumentIndex;
    this.byteOffset = location.byteOffset;
  }

  /** Whether `value` is a `QuoteError` from any copy of this package. */
  static isInstance(value: unknown): value is QuoteError {
    return typeof value === 'object' && value !== null && BRAND in value && value[BRAND] === true;
  }
}
