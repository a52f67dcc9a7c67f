// ossh logging in with a password: asked on its terminal with echo off, as
// ssh asks, or read from stdin with --password-stdin for scripts.
import { processesMentioning, startSshd, type TestSshd } from '@openssh-ts/test-sshd';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI_BINARY, ensureBuiltCli, runCli } from './built-cli.js';
import { eventually } from './eventually.js';
import { clientLeftovers } from './harness-config.js';
import { startTmuxPane } from './tmux-pane.js';

let sshd: TestSshd;

beforeAll(async () => {
  ensureBuiltCli();
  sshd = await startSshd({ interactiveLogins: 'password' });
}, 240_000);

afterAll(async () => {
  await sshd.stop();
  expect(processesMentioning([sshd.directory])).toEqual([]);
});

const leftovers = (): string[] => clientLeftovers(sshd);

it('asks for the password on the terminal without echoing it', async () => {
  const password = sshd.password ?? '';
  const command = [process.execPath, CLI_BINARY, 'exec', '-F', sshd.sshConfigFile, '-o']
    .concat(['PreferredAuthentications=password', sshd.hostAlias, '--', 'echo', 'logged-in'])
    .map((word) => `'${word}'`)
    .join(' ');
  using pane = startTmuxPane(command);
  await pane.waitFor(new RegExp(`${sshd.user}@${sshd.host}'s password: `));
  pane.sendKeys('-l', '--', password);
  pane.sendKeys('Enter');
  await pane.waitFor(/EXIT=0/);
  const screen = pane.capture();
  expect(screen).toContain('logged-in');
  expect(screen).not.toContain(password);
  await eventually(() => leftovers().length === 0);
  expect(leftovers()).toEqual([]);
}, 60_000);

it.each(['native', 'process'])(
  '--password-stdin takes the first line and forwards the rest to the command (--transport %s)',
  async (transport) => {
    const result = await runCli(
      ['exec', '--password-stdin', '--transport', transport, '-F', sshd.sshConfigFile].concat([
        sshd.hostAlias,
        '--',
        'cat',
      ]),
      { input: `${sshd.password ?? ''}\nfor the command\n` },
    );
    expect(result).toMatchObject({ code: 0, stdout: 'for the command\n' });
    expect(result.stderr).toBe('');
  },
);

it('--password-stdin with a wrong password fails as ssh does (255) and says so', async () => {
  const result = await runCli(
    [
      'exec',
      '--password-stdin',
      '-F',
      sshd.sshConfigFile,
      '-o',
      'NumberOfPasswordPrompts=1',
    ].concat([sshd.hostAlias, '--', 'true']),
    { input: 'not-the-password\n' },
  );
  expect(result.code).toBe(255);
  expect(result.stderr).toMatch(/permission denied/i);
  expect(result.stderr).toMatch(/permission denied after 2 password answers/);
  expect(result.stderr).not.toContain('not-the-password');
});

it('without a terminal or --password-stdin stays in BatchMode and fails at once', async () => {
  const result = await runCli(['exec', '-F', sshd.sshConfigFile, sshd.hostAlias, '--', 'true']);
  expect(result.code).toBe(255);
  expect(result.stderr).toMatch(/permission denied/i);
});
