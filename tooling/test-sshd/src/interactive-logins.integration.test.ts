import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractiveLogins } from './interactive-logins.js';
import { processesMentioning } from './processes.js';
import { startSshd, type TestSshd } from './start-sshd.js';

const execFileAsync = promisify(execFile);

/**
 * Logs in with the real ssh client, answering its prompts with an askpass
 * script that records each prompt and prints the answer for it (test
 * secrets only; the library never does this).
 */
async function sshWithAnswers(
  sshd: TestSshd,
  answers: Record<string, string>,
  options: readonly string[],
): Promise<{ output: string; prompts: string[] }> {
  const scratch = await mkdtemp(join(tmpdir(), 'osd-ask-'));
  try {
    const askpass = join(scratch, 'askpass');
    const cases = Object.entries(answers)
      .map(([pattern, answer]) => `  *'${pattern}') echo '${answer}' ;;`)
      .join('\n');
    await writeFile(
      askpass,
      `#!/bin/sh\nprintf '%s\\n' "$1" >> ${scratch}/prompts\ncase "$1" in\n${cases}\n  *) exit 1 ;;\nesac\n`,
      { mode: 0o700 },
    );
    const run = execFileAsync(
      'ssh',
      ['-F', sshd.sshConfigFile, ...options, sshd.hostAlias, 'echo', 'in'],
      {
        timeout: 20_000,
        env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force' },
      },
    );
    run.child.stdin?.end();
    const output = await run.then(
      ({ stdout }) => stdout,
      (error: { stderr?: string }) => `failed: ${error.stderr ?? ''}`,
    );
    const prompts = (await readFile(join(scratch, 'prompts'), 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean);
    return { output, prompts };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One sshd per describe block, stopped after it with nothing of it left behind. */
function sshdForBlock(logins: InteractiveLogins): { readonly current: TestSshd } {
  const holder: { current: TestSshd } = { current: undefined as unknown as TestSshd };
  beforeAll(async () => {
    holder.current = await startSshd({ interactiveLogins: logins });
  });
  afterAll(async () => {
    await holder.current.stop();
    expect(processesMentioning([holder.current.directory])).toEqual([]);
    expect(existsSync(holder.current.directory)).toBe(false);
  });
  return holder;
}

describe('interactiveLogins: password', () => {
  const block = sshdForBlock('password');
  let sshd: TestSshd;
  beforeAll(() => {
    sshd = block.current;
  });

  it('lets the account password in with the password method', async () => {
    const { output, prompts } = await sshWithAnswers(sshd, { 'password: ': sshd.password ?? '' }, [
      '-o',
      'PreferredAuthentications=password',
    ]);
    expect(output).toBe('in\n');
    expect(prompts).toEqual([`${sshd.user}@${sshd.host}'s password: `]);
  });

  it('lets the account password in with keyboard-interactive (one PAM prompt)', async () => {
    const { output, prompts } = await sshWithAnswers(sshd, { 'Password: ': sshd.password ?? '' }, [
      '-o',
      'PreferredAuthentications=keyboard-interactive',
    ]);
    expect(output).toBe('in\n');
    expect(prompts).toEqual([`(${sshd.user}@${sshd.host}) Password: `]);
  });

  it('refuses a wrong password', async () => {
    const { output } = await sshWithAnswers(sshd, { 'password: ': 'wrong' }, [
      '-o',
      'PreferredAuthentications=password',
      '-o',
      'NumberOfPasswordPrompts=1',
    ]);
    expect(output).toMatch(/failed: .*Permission denied/s);
  });

  it('lets the passphrase-protected key in once the passphrase is given', async () => {
    const { output, prompts } = await sshWithAnswers(sshd, { ': ': sshd.passphrase ?? '' }, [
      '-o',
      'PubkeyAuthentication=yes',
      '-o',
      'PreferredAuthentications=publickey',
      '-i',
      sshd.passphraseIdentityFile ?? '',
    ]);
    expect(output).toBe('in\n');
    expect(prompts).toEqual([`Enter passphrase for key '${sshd.passphraseIdentityFile}': `]);
  });
});

describe('interactiveLogins: two-prompts', () => {
  const block = sshdForBlock('two-prompts');
  let sshd: TestSshd;
  beforeAll(() => {
    sshd = block.current;
  });

  it('asks the password then a second question, and checks both', async () => {
    const answers = {
      ') Password: ': sshd.password ?? '',
      'STRESS Password: ': sshd.secondAnswer ?? '',
    };
    const { output, prompts } = await sshWithAnswers(sshd, answers, []);
    expect(output).toBe('in\n');
    expect(prompts).toEqual([
      `(${sshd.user}@${sshd.host}) Password: `,
      `(${sshd.user}@${sshd.host}) STRESS Password: `,
    ]);
    const wrong = await sshWithAnswers(
      sshd,
      { ') Password: ': sshd.password ?? '', 'STRESS Password: ': 'wrong' },
      ['-o', 'NumberOfPasswordPrompts=1'],
    );
    expect(wrong.output).toMatch(/failed: .*Permission denied/s);
  });
});
