import {
  assertArgument,
  binaryToBytes,
  bytesToBinary,
  checkBytes,
  checkText,
  textToBinary,
} from './argument-text.js';
import { quoteFishAscii, quoteFishText } from './fish-quote.js';
import { quotePosixAscii, quotePosixText } from './posix-quote.js';
import {
  resolveQuoteOptions,
  type QuoteOptions,
  type ResolvedQuoteOptions,
} from './shell-family.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Quotes a validated binary string in the ASCII form of `options.shell`. */
function quoteBinaryAscii(
  binary: string,
  options: ResolvedQuoteOptions,
  argumentIndex: number,
): string {
  return options.shell === 'posix'
    ? quotePosixAscii(binary, argumentIndex)
    : quoteFishAscii(binary);
}

function quoteText(text: string, options: ResolvedQuoteOptions, argumentIndex: number): string {
  if (options.ascii) {
    // Printable ASCII text is its own UTF-8 binary string; skip the encoding.
    const binary = PRINTABLE_ASCII.test(text) ? text : textToBinary(text);
    return quoteBinaryAscii(binary, options, argumentIndex);
  }
  return options.shell === 'posix' ? quotePosixText(text) : quoteFishText(text);
}

/**
 * Quotes one argument after validation by the public functions. Strings stay
 * strings (to be sent as UTF-8); bytes stay bytes.
 */
export function quoteArgument(
  arg: unknown,
  options: ResolvedQuoteOptions,
  argumentIndex: number,
): string | Uint8Array {
  assertArgument(arg, argumentIndex);
  if (typeof arg === 'string') {
    checkText(arg, argumentIndex);
    return quoteText(arg, options, argumentIndex);
  }
  checkBytes(arg, argumentIndex);
  const binary = bytesToBinary(arg);
  return binaryToBytes(
    options.ascii
      ? quoteBinaryAscii(binary, options, argumentIndex)
      : options.shell === 'posix'
        ? quotePosixText(binary)
        : quoteFishText(binary),
  );
}

/**
 * Quotes one argument so that the remote shell turns it back into exactly
 * the same bytes: a string is taken as its UTF-8 encoding, a `Uint8Array` as
 * raw bytes (for example a file name that is not valid UTF-8).
 *
 * Safe words (see `isSafeWord`) come back bare; anything else is single-quoted
 * (or, with `ascii: true`, written with the shell's printable escapes).
 *
 * @example
 * ```ts
 * quote('dir with spaces');        // "'dir with spaces'"
 * quote("it's");                   // "'it'\\''s'"
 * quote('a\nb', { ascii: true });  // "\"$(printf 'a\\012b')\""
 * quote("it's", { shell: 'fish' }); // "'it\\'s'"
 * ```
 * @throws {@link QuoteError} `nul-byte`, `lone-surrogate`, `ascii-trailing-newline`,
 *   `invalid-argument` or `invalid-shell`; `argumentIndex` is 0.
 */
export function quote(arg: string, options?: QuoteOptions): string;
export function quote(arg: Uint8Array, options?: QuoteOptions): Uint8Array;
export function quote(arg: string | Uint8Array, options?: QuoteOptions): string | Uint8Array;
export function quote(arg: string | Uint8Array, options?: QuoteOptions): string | Uint8Array {
  return quoteArgument(arg, resolveQuoteOptions(options), 0);
}
