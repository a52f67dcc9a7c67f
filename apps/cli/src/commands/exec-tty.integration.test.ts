// `ossh exec -t` in a real terminal (a tmux pane): the remote command sees
// the local terminal's type and size and follows its resizes, keys reach it
// raw (Ctrl-D, Ctrl-C), its exit code passes through, and the local terminal
// has the same settings afterwards as before, however the command ended.
import { execFileSync } from 'node:child_process';
import { quote } from '@openssh-ts/escape';
import {
  listProcesses,
  processesMentioning,
  startSshd,
  type TestSshd,
} from '@openssh-ts/test-sshd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BINARY, ensureBuiltCli, runCli } from '../e2e/built-cli.js';
import { eventually } from '../e2e/eventually.js';
import { startTmuxPane, type TmuxPane } from '../e2e/tmux-pane.js';

// A server of its own: the shared one's leftover checks in other files must
// not see this file's terminals, whose command lines name its directory.
let sshd: TestSshd;

beforeAll(async () => {
  ensureBuiltCli();
  sshd = await startSshd();
}, 240_000);

afterAll(async () => {
  await sshd.stop();
  expect(processesMentioning([sshd.directory])).toEqual([]);
});

/** The transports with pseudo-terminals. */
type TtyTransport = 'native' | 'ssh2';

/** The shell words that run `ossh exec -t` on the test's server. */
function osshTty(transport: TtyTransport, ...words: string[]): string {
  const argv = [process.execPath, CLI_BINARY, 'exec', '-t', '--transport', transport];
  argv.push('-F', sshd.sshConfigFile);
  return [...argv, sshd.hostAlias, '--', ...words].map((word) => quote(word)).join(' ');
}

/**
 * A pane running `ossh exec -t -- words`. Around it, the pane's shell prints
 * the local size (`LOCAL=rows columns`) and whether the terminal's settings
 * after ossh equal those before (`TTY=restored`); `EXIT=` stays ossh's code.
 */
function terminalRun(
  words: readonly string[],
  environment: Record<string, string> = {},
  transport: TtyTransport = 'native',
): TmuxPane {
  const script = [
    'before=$(stty -g)',
    'echo "LOCAL=$(stty size)"',
    `${osshTty(transport, ...words)}`,
    'code=$?',
    'if [ "$(stty -g)" = "$before" ]; then echo TTY=restored; else echo TTY=changed; fi',
    '(exit $code)',
  ].join('; ');
  return startTmuxPane(script, environment);
}

/** ssh, sshd and ossh processes of this file's server still running, but the server itself. */
function leftovers(): string[] {
  return processesMentioning([sshd.directory])
    .filter(
      (entry) => entry.pid !== sshd.pid && /^(\S*\/)?(ssh|sshd|node) /.test(entry.commandLine),
    )
    .map((entry) => entry.commandLine);
}

/** Whether the pane's terminal is raw now (no line editing, no signals from keys). */
function isRaw(pane: TmuxPane): boolean {
  const settings = execFileSync('stty', ['-F', pane.device(), '-a'], { encoding: 'utf8' });
  return /(^|\s)-icanon(\s|$)/.test(settings) && /(^|\s)-isig(\s|$)/.test(settings);
}

async function expectCleanEnd(pane: TmuxPane, code: number): Promise<string> {
  await pane.waitFor(new RegExp(`EXIT=${code}\\b`), 60_000);
  const screen = pane.capture();
  expect(screen).toContain('TTY=restored');
  expect(isRaw(pane)).toBe(false);
  expect(await eventually(() => leftovers().length === 0)).toBe(true);
  return screen;
}

// The pty, resize, raw keys and exit codes on both transports that have pseudo-terminals.
describe.each(['native', 'ssh2'] as const)('--transport %s', (transport) => {
  it('gives the remote command a terminal of the local type and size', async () => {
    using pane = terminalRun(
      ['sh', '-c', 'echo "REMOTE=$(stty size) TERM=$TERM"; [ -t 0 ] && [ -t 1 ] && echo ON_A_TTY'],
      { TERM: 'vt220' },
      transport,
    );
    const screen = await expectCleanEnd(pane, 0);
    const local = /LOCAL=(\d+ \d+)/.exec(screen)?.[1];
    expect(local).toBe(pane.size());
    expect(screen).toContain(`REMOTE=${local} TERM=vt220`);
    expect(screen).toContain('ON_A_TTY');
  }, 120_000);

  it('passes a resize of the local terminal on, with SIGWINCH', async () => {
    const script = [
      'trap "echo WINCH" WINCH',
      'first=$(stty size)',
      'echo "FIRST=$first"',
      'while [ "$(stty size)" = "$first" ]; do sleep 0.1; done',
      'echo "NOW=$(stty size)"',
    ].join('; ');
    using pane = terminalRun(['sh', '-c', script], {}, transport);
    await pane.waitFor(/FIRST=\d+ \d+/);
    pane.resize(120, 30);
    const [, now] = await pane.waitFor(/NOW=(\d+ \d+)/);
    expect(now).toBe(pane.size());
    expect(now).not.toBe(/FIRST=(\d+ \d+)/.exec(pane.capture())?.[1]);
    const screen = await expectCleanEnd(pane, 0);
    expect(screen).toMatch(/^WINCH$/m);
  }, 120_000);

  it('sends keys raw: the remote terminal echoes, and Ctrl-D ends cat', async () => {
    using pane = terminalRun(['cat'], {}, transport);
    // Raw mode starts once the remote command runs, so typing may start.
    expect(await eventually(() => isRaw(pane), 30_000)).toBe(true);
    pane.sendKeys('hello-tty', 'Enter');
    // Once by the remote terminal's echo, once by cat; none locally.
    await pane.waitFor(/hello-tty\n(.*\n)*hello-tty/);
    pane.sendKeys('C-d');
    const screen = await expectCleanEnd(pane, 0);
    expect(screen.match(/hello-tty/g)).toHaveLength(2);
  }, 120_000);

  it('passes the exit code through, also of a remote process killed by a signal', async () => {
    {
      using pane = terminalRun(['sh', '-c', 'exit 7'], {}, transport);
      await expectCleanEnd(pane, 7);
    }
    {
      using pane = terminalRun(['sh', '-c', 'kill -KILL $$'], {}, transport);
      await expectCleanEnd(pane, 137);
    }
  }, 120_000);
});

it('sends Ctrl-C to the remote program instead of interrupting ossh', async () => {
  const marker = `sleep ${7000 + (process.pid % 1000)}`;
  using pane = terminalRun(['sh', '-c', `${marker}; echo AFTER_SLEEP`]);
  expect(
    await eventually(() => listProcesses().some((entry) => entry.commandLine === marker), 30_000),
  ).toBe(true);
  expect(await eventually(() => isRaw(pane), 30_000)).toBe(true);
  pane.sendKeys('C-c');
  // The remote shell and its sleep got SIGINT from their terminal.
  const screen = await expectCleanEnd(pane, 130);
  expect(screen).not.toContain('ossh: interrupted');
  expect(screen).not.toContain('AFTER_SLEEP');
  expect(listProcesses().some((entry) => entry.commandLine === marker)).toBe(false);
}, 120_000);

it('restores the terminal when ossh itself is signalled', async () => {
  const marker = `sleep ${8000 + (process.pid % 1000)}`;
  using pane = terminalRun(['sh', '-c', marker]);
  expect(await eventually(() => isRaw(pane), 30_000)).toBe(true);
  const ossh = listProcesses().find(
    (entry) =>
      entry.commandLine.includes(CLI_BINARY) &&
      entry.commandLine.includes(marker) &&
      /^(\S*\/)?node /.test(entry.commandLine),
  );
  expect(ossh).toBeDefined();
  process.kill(ossh?.pid ?? 0, 'SIGTERM');
  const screen = await expectCleanEnd(pane, 130);
  expect(screen).toContain('ossh: interrupted');
  expect(
    await eventually(() => !listProcesses().some((entry) => entry.commandLine === marker)),
  ).toBe(true);
}, 120_000);

it('refuses -t without a terminal on stdin, or on the process transport, before connecting', async () => {
  const target = ['-F', sshd.sshConfigFile, sshd.hostAlias, '--', 'true'];
  const piped = await runCli(['exec', '-t', ...target]);
  expect(piped.code).toBe(2);
  expect(piped.stderr.trim()).toBe(
    'ossh: pseudo-terminal not allocated: stdin is not a terminal — run ossh from a terminal, or drop -t to pipe input to the command',
  );
  const processTransport = await runCli(['exec', '-t', '--transport', 'process', ...target]);
  expect(processTransport.code).toBe(2);
  expect(processTransport.stderr).toMatch(/^ossh: -t needs the native or ssh2 transport/);
  const noStdin = await runCli(['exec', '-t', '-n', ...target]);
  expect(noStdin.code).toBe(2);
  expect(noStdin.stderr).toMatch(/^ossh: -t and -n exclude each other/);
  expect(leftovers()).toEqual([]);
});
