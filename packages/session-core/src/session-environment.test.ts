import { describe, expect, it } from 'vitest';
import { matchesSshPattern, sessionEnvironment } from './session-environment.js';

describe('sessionEnvironment', () => {
  it('sends matching variables of the environment first, then SetEnv, as ssh does', () => {
    const resolved = [
      'user me',
      'sendenv LC_*',
      'sendenv OSSH_?',
      'setenv A=1',
      'setenv B=x = y',
      'serveraliveinterval 0',
    ].join('\n');
    const environment = { LC_ALL: 'C', OSSH_X: 'x', OSSH_XY: 'no', LANG: 'no', HOME: '/h' };
    expect(sessionEnvironment(resolved, environment)).toEqual([
      ['LC_ALL', 'C'],
      ['OSSH_X', 'x'],
      ['A', '1'],
      ['B', 'x = y'],
    ]);
  });

  it('sends nothing when the configuration names nothing', () => {
    expect(sessionEnvironment('user me\nport 22\n', { LANG: 'C' })).toEqual([]);
  });
});

describe('matchesSshPattern', () => {
  it.each([
    ['LC_ALL', 'LC_*', true],
    ['LC_ALL', 'LC_?', false],
    ['LC_ALL', 'LC_?LL', true],
    ['LANG', 'LANG', true],
    ['LANGUAGE', 'LANG', false],
    ['A.B', 'A?B', true],
    ['AxB', 'A.B', false],
  ])('%s against %s: %s', (name, pattern, matches) => {
    expect(matchesSshPattern(name, pattern)).toBe(matches);
  });
});
