import { assertArgument, textToBytes } from './argument-text.js';
import { QuoteError } from './quote-error.js';
import { quoteArgument } from './quote.js';
import {
  resolveQuoteOptions,
  type QuoteOptions,
  type ResolvedQuoteOptions,
} from './shell-family.js';

const SPACE = 0x20;

function quoteProgram(program: unknown, options: ResolvedQuoteOptions): string | Uint8Array {
  assertArgument(program, 0);
  // A bare command name could be a reserved word (`if`, zsh's `typeset`, fish's
  // `and`) or an alias; a quoted one is only ever looked up as a command.
  // Safe words hold no quote or backslash, so wrapping them is enough.
  const quoted = quoteArgument(program, options, 0);
  if (typeof quoted === 'string')
    return quoted.length > 0 && !/['"\\]/.test(quoted) ? `'${quoted}'` : quoted;
  const isBare =
    quoted.length > 0 && !quoted.some((byte) => byte === 0x27 || byte === 0x22 || byte === 0x5c);
  if (!isBare) return quoted;
  const wrapped = new Uint8Array(quoted.length + 2);
  wrapped[0] = 0x27;
  wrapped.set(quoted, 1);
  wrapped[quoted.length + 1] = 0x27;
  return wrapped;
}

function quoteWords(
  program: unknown,
  args: unknown,
  options: QuoteOptions | undefined,
): (string | Uint8Array)[] {
  const resolved = resolveQuoteOptions(options);
  if (!Array.isArray(args)) {
    throw new QuoteError('invalid-argument', 'args must be an array of strings or Uint8Arrays', {
      argumentIndex: 1,
      byteOffset: -1,
    });
  }
  const words = [quoteProgram(program, resolved)];
  args.forEach((arg: unknown, index) => words.push(quoteArgument(arg, resolved, index + 1)));
  return words;
}

function joinBytes(words: readonly (string | Uint8Array)[]): Uint8Array {
  const parts = words.map((word) => (typeof word === 'string' ? textToBytes(word) : word));
  const line = new Uint8Array(parts.reduce((total, part) => total + part.length + 1, -1));
  let offset = 0;
  for (const part of parts) {
    if (offset > 0) line[offset++] = SPACE;
    line.set(part, offset);
    offset += part.length;
  }
  return line;
}

/**
 * Quotes a whole command line: the program (always quoted, so it is never
 * taken as a keyword or alias) and each argument, joined by single spaces.
 * Returns a string when every input is a string, else the line's bytes.
 *
 * @example
 * ```ts
 * quoteCommand('ls', ['-la', 'dir with spaces']); // "'ls' -la 'dir with spaces'"
 * ```
 * @throws {@link QuoteError}; `argumentIndex` is 0 for the program, `i + 1` for `args[i]`.
 */
export function quoteCommand(
  program: string,
  args: readonly string[],
  options?: QuoteOptions,
): string;
export function quoteCommand(
  program: string | Uint8Array,
  args: readonly (string | Uint8Array)[],
  options?: QuoteOptions,
): string | Uint8Array;
export function quoteCommand(
  program: string | Uint8Array,
  args: readonly (string | Uint8Array)[],
  options?: QuoteOptions,
): string | Uint8Array {
  const words = quoteWords(program, args, options);
  if (words.every((word) => typeof word === 'string')) return words.join(' ');
  return joinBytes(words);
}

/**
 * Like {@link quoteCommand}, but always returns the line's bytes (UTF-8 for
 * string inputs) — what an SSH `exec` request carries.
 *
 * @throws {@link QuoteError}; `argumentIndex` is 0 for the program, `i + 1` for `args[i]`.
 */
export function quoteCommandBytes(
  program: string | Uint8Array,
  args: readonly (string | Uint8Array)[],
  options?: QuoteOptions,
): Uint8Array {
  return joinBytes(quoteWords(program, args, options));
}
