import { QuoteError } from './quote-error.js';

/**
 * The remote shell family a command line is quoted for.
 *
 * - `posix`: every POSIX `sh`-family shell at once — bash, dash, zsh,
 *   ksh/mksh and busybox ash. One quoting is correct in all of them.
 * - `fish`: the fish shell (3.x).
 *
 * PowerShell and cmd.exe are not offered: neither is in Debian's archive, so
 * their quoting could not be proven against the real interpreter here.
 */
export type ShellFamily = 'posix' | 'fish';

/** Every supported {@link ShellFamily}, for validation and test loops. */
export const SHELL_FAMILIES: readonly ShellFamily[] = ['posix', 'fish'];

/** Options of {@link quote}, {@link quoteCommand} and friends. */
export interface QuoteOptions {
  /** Remote shell family; default `'posix'`. */
  readonly shell?: ShellFamily;
  /**
   * Emit printable ASCII only (0x20–0x7E): control bytes, DEL, bytes ≥ 0x80 and
   * newlines are written with the shell's own escapes instead of raw, and the
   * result still decodes to exactly the same argument bytes. Needed when the
   * command line must travel as a JavaScript string (an `ssh` argv entry is
   * UTF-8 encoded, so non-UTF-8 bytes cannot be passed raw). Default `false`.
   */
  readonly ascii?: boolean;
}

/** Options after validation. */
export interface ResolvedQuoteOptions {
  readonly shell: ShellFamily;
  readonly ascii: boolean;
}

const DEFAULT_OPTIONS: ResolvedQuoteOptions = { shell: 'posix', ascii: false };

/** Validates options from possibly untyped callers; throws `invalid-shell`. */
export function resolveQuoteOptions(options: QuoteOptions | undefined): ResolvedQuoteOptions {
  if (options === undefined) return DEFAULT_OPTIONS;
  const shell = options.shell ?? 'posix';
  if (!SHELL_FAMILIES.includes(shell)) {
    throw new QuoteError('invalid-shell', `unsupported shell family ${JSON.stringify(shell)}`, {
      argumentIndex: 0,
      byteOffset: -1,
    });
  }
  return { shell, ascii: options.ascii === true };
}
