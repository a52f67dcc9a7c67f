// Logins other than a plain key, against the harness sshd with PAM
// (password and keyboard-interactive) and its passphrase-protected key,
// with no `ssh` binary reachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, SshError, type ConnectOptions, type LoginPrompt } from '@openssh-ts/session-core';
import { hideSsh } from '@openssh-ts/session-suite';
import { startSshd, type TestSshd } from '@openssh-ts/test-sshd';
import { ssh2Transport } from './index.js';

const hidden = hideSsh();
let passwordSshd: TestSshd;
let twoPromptSshd: TestSshd;

beforeAll(async () => {
  [passwordSshd, twoPromptSshd] = await Promise.all([
    startSshd({ interactiveLogins: 'password' }),
    startSshd({ interactiveLogins: 'two-prompts' }),
  ]);
});
afterAll(async () => {
  await Promise.all([passwordSshd.stop(), twoPromptSshd.stop()]);
  hidden.restore();
});

async function echoThrough(sshd: TestSshd, options: Partial<ConnectOptions>): Promise<string> {
  await using session = await Session.connect(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, {
    transport: ssh2Transport(),
    userKnownHostsFile: sshd.knownHostsFile,
    sshPath: hidden.sshPath,
    // No agent: only what each case offers.
    sshAuthSock: 'none',
    ...options,
  });
  return (await session.command('echo').arg('in').output()).stdout.toString();
}

describe('ssh2 logins', () => {
  it('password: as a string, or a function called once', async () => {
    expect(await echoThrough(passwordSshd, { password: passwordSshd.password ?? '' })).toBe('in\n');
    let calls = 0;
    const password = (): Promise<string> => {
      calls += 1;
      return Promise.resolve(passwordSshd.password ?? '');
    };
    expect(await echoThrough(passwordSshd, { password })).toBe('in\n');
    expect(calls).toBe(1);
  });

  it('a wrong password is permission-denied, promptly', async () => {
    const started = Date.now();
    const failure = await echoThrough(passwordSshd, { password: 'not the password' }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ kind: 'connect', reason: 'permission-denied' });
    expect(String(failure)).toMatch(/Permission denied/);
    // A fault bound, not a speed test: no retry loop, no hang.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('keyboard-interactive: onPrompt is called once per prompt, in order', async () => {
    const asked: LoginPrompt[] = [];
    const onPrompt = (prompt: LoginPrompt): string => {
      asked.push(prompt);
      return /STRESS/.test(prompt.prompt)
        ? (twoPromptSshd.secondAnswer ?? '')
        : (twoPromptSshd.password ?? '');
    };
    expect(await echoThrough(twoPromptSshd, { onPrompt })).toBe('in\n');
    expect(asked.map((prompt) => [prompt.kind, prompt.echo])).toEqual([
      ['keyboard-interactive', false],
      ['keyboard-interactive', false],
    ]);
    // Shown as ssh shows keyboard-interactive prompts: (user@host) first.
    expect(asked[0]?.prompt.trimEnd()).toBe(
      `(${twoPromptSshd.user}@${twoPromptSshd.host}) Password:`,
    );
    expect(asked[1]?.prompt).toMatch(/STRESS Password/);
  });

  it('a prompt handler that throws fails the connect with its error as cause', async () => {
    const reason = new Error('no one at the keyboard');
    const failure = await echoThrough(twoPromptSshd, {
      onPrompt: () => {
        throw reason;
      },
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'connect' });
    expect(SshError.isInstance(failure) && failure.cause).toBe(reason);
  });

  it('a passphrase-protected key: with passphrase, or asked through onPrompt; a wrong one is refused', async () => {
    const keyFile = passwordSshd.passphraseIdentityFile ?? '';
    expect(
      await echoThrough(passwordSshd, { keyFile, passphrase: passwordSshd.passphrase ?? '' }),
    ).toBe('in\n');
    const asked: LoginPrompt[] = [];
    const onPrompt = (prompt: LoginPrompt): string => {
      asked.push(prompt);
      return passwordSshd.passphrase ?? '';
    };
    expect(await echoThrough(passwordSshd, { keyFile, onPrompt })).toBe('in\n');
    expect(asked).toMatchObject([{ kind: 'passphrase', echo: false }]);
    await expect(echoThrough(passwordSshd, { keyFile, passphrase: 'wrong' })).rejects.toMatchObject(
      { kind: 'connect', reason: 'permission-denied' },
    );
  });
});
