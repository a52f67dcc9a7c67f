/**
 * Arguments travel through the quoting code as JavaScript strings in one of
 * two readings, and the quoting rules only ever inspect or insert ASCII, so
 * the same rules serve both:
 *
 * - a text string (the caller's own string, later encoded as UTF-8), or
 * - a binary string: one character per byte, U+0000–U+00FF, for `Uint8Array`
 *   arguments and for ASCII output built from UTF-8 bytes.
 *
 * This module validates arguments (NUL, lone surrogates) and converts between
 * the readings without `Buffer`, so the package needs nothing from Node.
 */
import { QuoteError } from './quote-error.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CHUNK = 0x2000;
const utf8Encoder = new TextEncoder();

/** Number of bytes the UTF-8 encoding of a well-formed `text` takes. */
export function utf8Length(text: string): number {
  return utf8Encoder.encode(text).length;
}

/** How error messages name an argument. */
export function argumentLabel(argumentIndex: number): string {
  return argumentIndex === 0 ? 'argument 0 (the program)' : `argument ${argumentIndex}`;
}

/** Throws `invalid-argument` unless `value` is a string or a `Uint8Array`. */
export function assertArgument(
  value: unknown,
  argumentIndex: number,
): asserts value is string | Uint8Array {
  if (typeof value === 'string' || value instanceof Uint8Array) return;
  throw new QuoteError(
    'invalid-argument',
    `${argumentLabel(argumentIndex)} is ${value === null ? 'null' : typeof value}, not a string or Uint8Array`,
    { argumentIndex, byteOffset: -1 },
  );
}

/** Refuses a text string holding NUL or an unpaired surrogate. */
export function checkText(text: string, argumentIndex: number): void {
  const nul = text.indexOf('\0');
  const surrogate = LONE_SURROGATE.exec(text);
  if (nul === -1 && surrogate === null) return;
  if (surrogate === null || (nul !== -1 && nul < surrogate.index)) {
    const byteOffset = utf8Length(text.slice(0, nul));
    throw new QuoteError(
      'nul-byte',
      `${argumentLabel(argumentIndex)} holds a NUL byte at byte ${byteOffset}`,
      {
        argumentIndex,
        byteOffset,
      },
    );
  }
  // The prefix before the first lone surrogate is well-formed, so it has a length.
  const byteOffset = utf8Length(text.slice(0, surrogate.index));
  throw new QuoteError(
    'lone-surrogate',
    `${argumentLabel(argumentIndex)} holds an unpaired UTF-16 surrogate at byte ${byteOffset}`,
    { argumentIndex, byteOffset },
  );
}

/** Refuses bytes holding NUL. */
export function checkBytes(bytes: Uint8Array, argumentIndex: number): void {
  const nul = bytes.indexOf(0);
  if (nul === -1) return;
  throw new QuoteError(
    'nul-byte',
    `${argumentLabel(argumentIndex)} holds a NUL byte at byte ${nul}`,
    {
      argumentIndex,
      byteOffset: nul,
    },
  );
}

/** One character per byte. */
export function bytesToBinary(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return binary;
}

/** Inverse of {@link bytesToBinary}; every character must be below U+0100. */
export function binaryToBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** UTF-8 bytes of a well-formed text string, as a binary string. */
export function textToBinary(text: string): string {
  return bytesToBinary(utf8Encoder.encode(text));
}

/** UTF-8 bytes of a well-formed text string. */
export function textToBytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}
