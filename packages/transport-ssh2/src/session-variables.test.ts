import { describe, expect, it } from 'vitest';
import { sessionVariables } from './session-variables.js';

describe('sessionVariables', () => {
  it('sends SendEnv matches in environment order, then SetEnv', () => {
    const environment = { LC_ALL: 'C', HOME: '/h', LANG: 'en', LC_TIME: 'x', UNSET: undefined };
    expect(
      sessionVariables(
        { sendEnv: ['LANG', 'LC_*', 'UNSET', 'NOT_THERE'], setEnv: [['ROLE', 'db']] },
        environment,
      ),
    ).toEqual([
      ['LC_ALL', 'C'],
      ['LANG', 'en'],
      ['LC_TIME', 'x'],
      ['ROLE', 'db'],
    ]);
  });

  it('matches names whole and case-sensitively, as match_pattern does', () => {
    expect(
      sessionVariables({ sendEnv: ['lang', 'LC?'], setEnv: [] }, { LANG: 'en', LC_X: '1' }),
    ).toEqual([]);
  });
});
