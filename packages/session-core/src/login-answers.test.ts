import { describe, expect, it } from 'vitest';
import { classifyAskpassPrompt } from './askpass-prompt.js';
import type { ConnectOptions, LoginPrompt } from './connect-options.js';
import { loginAnswers } from './login-answers.js';
import type { SshError } from './ssh-error.js';

function answersFor(options: ConnectOptions): {
  ask: (prompt: string, caller?: 'master' | 'jump', hint?: string) => Promise<string | undefined>;
  failures: SshError[];
  attempts: () => { password: number; keyboardInteractive: number };
} {
  const failures: SshError[] = [];
  const answers = loginAnswers(options, (error) => failures.push(error));
  return {
    ask: (prompt, caller = 'master', hint = '') =>
      answers.answer({ question: classifyAskpassPrompt(prompt, hint), caller }),
    failures,
    attempts: answers.attempts,
  };
}

describe('loginAnswers', () => {
  it('never answers a host-key confirmation or a permission, and never asks onPrompt about them', async () => {
    const asked: LoginPrompt[] = [];
    const { ask } = answersFor({
      password: 'pw',
      onPrompt: (prompt) => {
        asked.push(prompt);
        return 'yes';
      },
    });
    expect(await ask('Are you sure you want to continue connecting (yes/no/[fingerprint])? ')).toBe(
      undefined,
    );
    expect(await ask('Add key /k (me) to agent?', 'master', 'confirm')).toBe(undefined);
    expect(asked).toEqual([]);
  });

  it("gives password only to the destination's own ssh; a jump host's prompt goes to onPrompt", async () => {
    const asked: string[] = [];
    const { ask, attempts } = answersFor({
      password: 'destination-pw',
      onPrompt: ({ prompt }) => {
        asked.push(prompt);
        return 'jump-pw';
      },
    });
    expect(await ask("me@target's password: ")).toBe('destination-pw');
    expect(await ask("me@bastion's password: ", 'jump')).toBe('jump-pw');
    expect(asked).toEqual(["me@bastion's password: "]);
    expect(attempts()).toEqual({ password: 2, keyboardInteractive: 0 });
  });

  it('fetches a password function once, and refuses what it has no answer for', async () => {
    let fetched = 0;
    const { ask } = answersFor({
      password: () => {
        fetched += 1;
        return Promise.resolve('pw');
      },
    });
    expect(await ask("me@h's password: ")).toBe('pw');
    expect(await ask('(me@h) Password: ')).toBe('pw');
    expect(fetched).toBe(1);
    expect(await ask("Enter passphrase for key '/k': ")).toBe(undefined);
    expect(await ask('(me@h) Verification code: ')).toBe(undefined);
  });

  it('fails on an answer ssh would alter (line break, too long) instead of sending it', async () => {
    const { ask, failures } = answersFor({ onPrompt: () => 'two\nlines' });
    expect(await ask('(me@h) Code: ')).toBe(undefined);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ kind: 'connect', reason: 'other' });
    expect(await ask('(me@h) Code: ')).toBe(undefined);
    expect(failures).toHaveLength(1);
  });

  it('refuses a promptTimeout that is not a positive number', () => {
    expect(() => loginAnswers({ onPrompt: () => '', promptTimeout: 0 }, () => undefined)).toThrow(
      /promptTimeout/,
    );
  });
});
