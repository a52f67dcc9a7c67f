/**
 * Quoting for fish (3.x). Inside fish's single quotes only `\\` and `\'` are
 * escapes and everything else — newline, `$`, `~`, `*`, control bytes, bytes
 * ≥ 0x80 — is literal; fish keeps bytes that are not valid in the locale's
 * encoding (and even the private-use characters it borrows to hold them) and
 * hands them to programs unchanged.
 *
 * The ASCII form writes each non-printable byte as an unquoted `\xHH`, which
 * fish turns into that very byte, next to single-quoted printable runs; fish
 * joins adjacent pieces into one word and strips nothing.
 */
import { isSafeText } from './safe-word.js';

const BACKSLASH_OR_QUOTE = /[\\']/g;
const PRINTABLE_OR_NOT = /[\x20-\x7e]+|[^\x20-\x7e]+/g;

/** Quotes a validated text or binary string; the result has the same reading. */
export function quoteFishText(text: string): string {
  if (isSafeText(text, 'fish')) return text;
  return `'${text.replace(BACKSLASH_OR_QUOTE, '\\$&')}'`;
}

/** Quotes a validated binary string as printable ASCII. */
export function quoteFishAscii(binary: string): string {
  if (isSafeText(binary, 'fish')) return binary;
  if (binary.length === 0) return "''";
  let quoted = '';
  for (const [run] of binary.matchAll(PRINTABLE_OR_NOT)) {
    const first = run.charCodeAt(0);
    if (first >= 0x20 && first <= 0x7e) {
      quoted += `'${run.replace(BACKSLASH_OR_QUOTE, '\\$&')}'`;
      continue;
    }
    for (let index = 0; index < run.length; index += 1) {
      quoted += `\\x${run.charCodeAt(index).toString(16).padStart(2, '0')}`;
    }
  }
  return quoted;
}
