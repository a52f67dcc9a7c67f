/**
 * Shell quoting for remote command lines that survives every byte.
 *
 * The remote side of SSH receives one command string that the login shell
 * parses again; every argument of openssh-ts goes through this package.
 * Guarantees, proven against the real shells by this package's tests: a
 * quoted argument comes back byte for byte in bash, dash, zsh, mksh and
 * busybox ash (`shell: 'posix'`, the default) or fish (`shell: 'fish'`), in
 * the C and UTF-8 locales; an argument that cannot be expressed (NUL, a lone
 * surrogate) is refused with a {@link QuoteError}, never truncated.
 *
 * @packageDocumentation
 * @module @openssh-ts/escape
 */
export { quote } from './quote.js';
export { quoteCommand, quoteCommandBytes } from './quote-command.js';
export { asciiCommandLine, type AsciiCommandLineOptions } from './ascii-command-line.js';
export { isSafeWord, SAFE_WORD_CHARACTERS } from './safe-word.js';
export { SHELL_FAMILIES, type QuoteOptions, type ShellFamily } from './shell-family.js';
export { QuoteError, type QuoteErrorKind, type QuoteErrorLocation } from './quote-error.js';
