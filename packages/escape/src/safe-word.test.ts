import { describe, expect, it } from 'vitest';
import { isSafeWord, SAFE_WORD_CHARACTERS } from './safe-word.js';

describe('isSafeWord', () => {
  it('accepts words of the safe set in both families', () => {
    for (const word of [
      'ls',
      '-rf',
      '--long=value',
      'a/b.c',
      'user@host:/tmp',
      'x+y,z',
      '_',
      'FOO=bar',
    ]) {
      expect(isSafeWord(word)).toBe(true);
      expect(isSafeWord(word, 'fish')).toBe(true);
    }
  });

  it('refuses the empty word, metacharacters and non-ASCII', () => {
    for (const word of [
      '',
      ' ',
      '~',
      '~root',
      '$x',
      '*',
      'a b',
      "'",
      '"',
      '\\',
      '!',
      '#',
      'é',
      '\n',
      '{a,b}',
      '[a]',
    ]) {
      expect(isSafeWord(word)).toBe(false);
      expect(isSafeWord(word, 'fish')).toBe(false);
    }
  });

  it('refuses a leading = (zsh expands =cmd) and, in fish, %', () => {
    expect(isSafeWord('=ls')).toBe(false);
    expect(isSafeWord('a=b')).toBe(true);
    expect(isSafeWord('%1')).toBe(true);
    expect(isSafeWord('%1', 'fish')).toBe(false);
  });

  it('reads bytes as bytes', () => {
    expect(isSafeWord(Uint8Array.of(0x61, 0x2d))).toBe(true);
    expect(isSafeWord(Uint8Array.of(0x61, 0xff))).toBe(false);
  });

  it('documents the set it uses', () => {
    expect(SAFE_WORD_CHARACTERS).toBe('A-Za-z0-9_@%+=:,./-');
  });
});
