import { expect, it } from 'vitest';
import {
  echoArgumentsCommand,
  NASTY_ARGUMENTS,
  showArgument,
  splitNulTerminated,
} from './nasty-arguments.js';

it('builds a printf that NUL-terminates each argument', () => {
  expect(echoArgumentsCommand(['a', ''])).toEqual(['printf', ['%s\\0', 'a', '']]);
});

it('splits NUL-terminated output back into arguments, including empty ones', () => {
  const output = Buffer.from(NASTY_ARGUMENTS.map((argument) => `${argument}\0`).join(''), 'utf8');
  expect(splitNulTerminated(output)).toEqual(NASTY_ARGUMENTS);
  expect(splitNulTerminated(Buffer.alloc(0))).toEqual([]);
  expect(splitNulTerminated(Buffer.from('a\0b'))).toEqual(['a', 'b', '<unterminated>']);
});

it('shows arguments with escapes visible', () => {
  expect(showArgument('new\nline')).toBe('"new\\nline"');
});
