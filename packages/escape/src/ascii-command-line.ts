import {
  assertArgument,
  bytesToBinary,
  checkBytes,
  checkText,
  textToBinary,
} from './argument-text.js';
import { quoteFishAscii } from './fish-quote.js';
import { printfFormat } from './posix-quote.js';
import { resolveQuoteOptions, type ShellFamily } from './shell-family.js';

const PRINTABLE_BINARY = /^[\x20-\x7e]*$/;

/** Options of {@link asciiCommandLine}. */
export interface AsciiCommandLineOptions {
  /** Remote shell family; default `'posix'`. */
  readonly shell?: ShellFamily;
}

/**
 * Rewrites an already quoted command line (for example the output of
 * `quoteCommand`, possibly with a `cd … &&` prefix) as printable ASCII that
 * the remote shell runs exactly as the original: a line that is printable
 * ASCII already is returned unchanged; any other becomes
 * `eval "$(printf '<the line as a printf format>')"` (POSIX: one fork on the
 * remote side for the whole line) or `eval <the line in fish's escapes>`.
 *
 * Unlike `quote(…, { ascii: true })` this has no trailing-newline limit: a
 * line's trailing newlines do not change what it runs, so the POSIX form
 * drops them. Note that the remote shell then runs the line through `eval`
 * rather than as its own `-c` script; start the line with `exec` where the
 * remote process should replace the shell (so a signal that kills it is
 * reported as such).
 *
 * @example
 * ```ts
 * const line = quoteCommandBytes('cat', [new Uint8Array([0x66, 0xff])]);
 * asciiCommandLine(line); // "eval \"$(printf '\\047cat\\047 \\047f\\377\\047')\""
 * ```
 * @throws {@link QuoteError} `nul-byte`, `lone-surrogate`, `invalid-argument` or
 *   `invalid-shell`; `argumentIndex` is 0.
 */
export function asciiCommandLine(
  line: string | Uint8Array,
  options?: AsciiCommandLineOptions,
): string {
  const resolved = resolveQuoteOptions({ ...options, ascii: true });
  assertArgument(line, 0);
  let binary: string;
  if (typeof line === 'string') {
    checkText(line, 0);
    binary = textToBinary(line);
  } else {
    checkBytes(line, 0);
    binary = bytesToBinary(line);
  }
  if (PRINTABLE_BINARY.test(binary)) return binary;
  if (resolved.shell === 'fish') return `eval ${quoteFishAscii(binary)}`;
  // One printf for the whole line: one fork on the remote side, however many
  // words need escapes. Its trailing newlines would be stripped anyway.
  return `eval "$(printf '${printfFormat(binary.replace(/\n+$/, ''))}')"`;
}
