import { describe, expect, it } from 'vitest';
import { parse, type Directive } from 'ssh-config';
import { SshError } from '@openssh-ts/session-core';
import { directiveArguments, splitArguments } from './config-arguments.js';

describe('splitArguments', () => {
  it.each([
    ['a b\tc', ['a', 'b', 'c']],
    ['  a   b  ', ['a', 'b']],
    ['FOO=bar "BAZ=qu ux"', ['FOO=bar', 'BAZ=qu ux']],
    ['A="x y"z', ['A=x yz']],
    ['\'single quoted\' ""', ['single quoted', '']],
    ['a\\ b c\\"d', ['a b', 'c"d']],
    ['a #comment here', ['a']],
    ['a#b', ['a#b']],
    ['', []],
  ])('%j is %j', (text, expected) => {
    expect(splitArguments(text, 'test')).toEqual(expected);
  });

  it('refuses an unterminated quote', () => {
    expect(() => splitArguments('a "b', 'file')).toThrow(SshError);
  });
});

describe('directiveArguments', () => {
  function directives(text: string): string[][] {
    return parse(text).map((line) => directiveArguments(line as Directive, 'test'));
  }

  it('gives the arguments ssh sees, however the parser kept the value', () => {
    expect(
      directives(
        'IdentityFile "/a b/c"\nSetEnv A=1 "B=2 3"\nUserKnownHostsFile "/x y" /z\nHostName=h\n',
      ),
    ).toEqual([['/a b/c'], ['A=1', 'B=2 3'], ['/x y', '/z'], ['h']]);
  });
});
