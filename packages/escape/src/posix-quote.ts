/**
 * Quoting for the POSIX sh family (bash, dash, zsh, ksh/mksh, busybox ash).
 *
 * Inside single quotes every byte except `'` itself is literal in all of
 * these shells, including newline, `!`, `$`, backquote, backslash and bytes
 * ≥ 0x80 in any locale; a `'` is written as `'\''` (close, escaped quote,
 * reopen). Nothing else is needed, and nothing is rewritten.
 *
 * The ASCII form of a word holding any non-printable byte is one
 * `"$(printf '<format>')"`: printf's three-digit octal escape `\NNN` behaves
 * the same in the builtin printf of bash, dash, zsh and busybox and in the
 * coreutils printf mksh runs. It costs the remote shell one fork per such
 * word. Command substitution strips trailing newlines, so a word ending in a
 * newline has no printable form (dash lacks `$'…'`) and is refused.
 */
import { argumentLabel } from './argument-text.js';
import { QuoteError } from './quote-error.js';
import { isSafeText } from './safe-word.js';

/** Quotes a validated text or binary string; the result has the same reading. */
export function quotePosixText(text: string): string {
  if (isSafeText(text, 'posix')) return text;
  return `'${text.replaceAll("'", "'\\''")}'`;
}

const PRINTABLE = /^[\x20-\x7e]*$/;
const FORMAT_SPECIAL = /^-|[%\\']|[^\x20-\x7e]/g;

function octal(character: string): string {
  return `\\${character.charCodeAt(0).toString(8).padStart(3, '0')}`;
}

/**
 * A printf format (for single quotes) that prints `binary` exactly: `%` is
 * doubled, and a leading `-` (which printf would take for an option), `\`,
 * `'` and every non-printable byte become octal escapes.
 */
export function printfFormat(binary: string): string {
  return binary.replace(FORMAT_SPECIAL, (character) =>
    character === '%' ? '%%' : octal(character),
  );
}

/**
 * Quotes a validated binary string as printable ASCII. `argumentIndex` only
 * labels a refusal.
 */
export function quotePosixAscii(binary: string, argumentIndex: number): string {
  if (PRINTABLE.test(binary)) return quotePosixText(binary);
  if (binary.endsWith('\n')) {
    let firstNewline = binary.length;
    while (firstNewline > 0 && binary.charCodeAt(firstNewline - 1) === 0x0a) firstNewline -= 1;
    throw new QuoteError(
      'ascii-trailing-newline',
      `${argumentLabel(argumentIndex)} ends in a newline, which no printable POSIX word can carry; quote the whole line with asciiCommandLine`,
      { argumentIndex, byteOffset: firstNewline },
    );
  }
  return `"$(printf '${printfFormat(binary)}')"`;
}
