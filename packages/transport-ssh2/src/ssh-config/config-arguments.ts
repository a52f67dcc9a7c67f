/**
 * Splitting an ssh_config value into arguments as OpenSSH's `argv_split`
 * (misc.c) does: runs of blanks separate arguments, `"…"` and `'…'` quote
 * (also in the middle of an argument: `A="x y"` is `A=x y`), a backslash
 * escapes a quote, a backslash or a blank, and an argument that starts
 * with `#` ends the line.
 *
 * @packageDocumentation
 */
import type { Directive } from 'ssh-config';
import { SshError } from '@openssh-ts/session-core';

/** Splits `text` into arguments; rejects an unterminated quote as ssh does. */
export function splitArguments(text: string, where: string): string[] {
  const result: string[] = [];
  let current = '';
  let inArgument = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    if (quote === undefined && (character === ' ' || character === '\t')) {
      if (inArgument) result.push(current);
      current = '';
      inArgument = false;
      continue;
    }
    if (quote === undefined && !inArgument && character === '#') break;
    inArgument = true;
    const next = text[index + 1];
    if (
      character === '\\' &&
      next !== undefined &&
      (next === '\\' || next === '"' || next === "'" || next === ' ')
    ) {
      current += next;
      index++;
    } else if (quote === undefined && (character === '"' || character === "'")) {
      quote = character;
    } else if (character === quote) {
      quote = undefined;
    } else {
      current += character;
    }
  }
  if (quote !== undefined) {
    throw new SshError('connect', `${where}: unterminated quote in ssh_config`, {
      reason: 'other',
    });
  }
  if (inArgument) result.push(current);
  return result;
}

/**
 * The arguments of a directive parsed by the `ssh-config` package, which
 * keeps some values as one string (quoted or not) and splits others into
 * parts: either way, the arguments ssh would see.
 */
export function directiveArguments(directive: Directive, where: string): string[] {
  const { value } = directive;
  if (typeof value !== 'string') return value.map((part) => part.val);
  return directive.quoted === true ? [value] : splitArguments(value, where);
}
