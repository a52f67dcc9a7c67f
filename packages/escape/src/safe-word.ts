import { bytesToBinary } from './argument-text.js';
import type { ShellFamily } from './shell-family.js';

/**
 * Characters that need no quoting in any supported shell, as a regular
 * expression character class: `[A-Za-z0-9_@%+=:,./-]`. A word made only of
 * them is left bare, except that a leading `=` is quoted (zsh expands `=cmd`
 * to a path) and fish also quotes `%` (process expansion in fish 2).
 */
export const SAFE_WORD_CHARACTERS = 'A-Za-z0-9_@%+=:,./-';

const POSIX_SAFE_WORD = /^(?!=)[\w@%+=:,./-]+$/;
const FISH_SAFE_WORD = /^(?!=)[\w@+=:,./-]+$/;

/** Test on an already validated text or binary string (see `argument-text.ts`). */
export function isSafeText(text: string, shell: ShellFamily): boolean {
  return (shell === 'posix' ? POSIX_SAFE_WORD : FISH_SAFE_WORD).test(text);
}

/**
 * Whether `arg` would be emitted bare (unquoted) by `quote` for `shell`: it is
 * non-empty and made only of {@link SAFE_WORD_CHARACTERS}. Such a word means
 * the same in every shell of the family (outside the command-name position,
 * where `quoteCommand` always quotes, so keywords and aliases never apply).
 */
export function isSafeWord(arg: string | Uint8Array, shell: ShellFamily = 'posix'): boolean {
  return isSafeText(typeof arg === 'string' ? arg : bytesToBinary(arg), shell);
}
