import { describe, expect, it } from 'vitest';
import { matchHostList, matchPattern, matchPatternList } from './host-patterns.js';

describe('matchPattern', () => {
  it.each([
    ['web-1', 'web-1', true],
    ['web-1', 'web-*', true],
    ['web-1', 'web-?', true],
    ['web-12', 'web-?', false],
    ['web-12', '*', true],
    ['', '*', true],
    ['', '', true],
    ['a', '', false],
    ['abcabc', '*b*c', true],
    ['abcab', '*b*c', false],
    ['[127.0.0.1]:2222', '[127.0.0.1]:2222', true],
    ['[127.0.0.1]:2222', '[127.0.0.?]:*', true],
    ['127.0.0.1', '[127.0.0.1]:*', false],
    ['x.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
  ])('%j against %j is %s', (text, pattern, expected) => {
    expect(matchPattern(text, pattern)).toBe(expected);
  });

  it('stays linear on a hostile pattern of many stars', () => {
    const text = 'a'.repeat(5000);
    expect(matchPattern(text, `${'*a'.repeat(500)}b`)).toBe(false);
  });
});

describe('matchPatternList', () => {
  it('is negative as soon as a negated pattern matches, whatever matched positively', () => {
    expect(matchPatternList('web-bad', ['web-*', '!web-bad'], false)).toBe('negative');
    expect(matchPatternList('web-bad', ['!web-bad', 'web-*'], false)).toBe('negative');
    expect(matchPatternList('web-1', ['web-*', '!web-bad'], false)).toBe('positive');
    expect(matchPatternList('db-1', ['web-*', '!web-bad'], false)).toBe('none');
    expect(matchPatternList('db-1', ['!web-bad'], false)).toBe('none');
  });

  it('lowercases patterns on request, as for host names', () => {
    expect(matchPatternList('web-1', ['WEB-*'], true)).toBe('positive');
    expect(matchPatternList('web-1', ['WEB-*'], false)).toBe('none');
  });

  it('treats an over-long sub-pattern as no match, as OpenSSH', () => {
    expect(matchPatternList('a', ['*'.repeat(1024), 'a'], false)).toBe('none');
    expect(matchPatternList('a', ['*'.repeat(1023)], false)).toBe('positive');
  });
});

describe('matchHostList', () => {
  it('lowercases the host name and wants a positive match', () => {
    expect(matchHostList('Web-1', ['web-1'])).toBe(true);
    expect(matchHostList('web-1', ['*', '!web-1'])).toBe(false);
  });
});
