// ossh in a real terminal: the progress bar is drawn, and Ctrl-C stops the
// remote command and leaves no ssh, sshd or ControlMaster behind.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  listProcesses,
  processesMentioning,
  startSshd,
  type TestSshd,
} from '@openssh-ts/test-sshd';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI_BINARY, ensureBuiltCli, runCli } from './built-cli.js';
import { eventually } from './eventually.js';
import { startTmuxPane } from './tmux-pane.js';

const remoteFile = `ossh-terminal-${process.pid}.bin`;
let sshd: TestSshd;
let local: string;

beforeAll(async () => {
  ensureBuiltCli();
  sshd = await startSshd();
  local = await mkdtemp(join(tmpdir(), 'ossh-terminal-'));
}, 240_000);

afterAll(async () => {
  await runCli(['exec', '-F', sshd.sshConfigFile, sshd.hostAlias, '--', 'rm', '-f', remoteFile]);
  await sshd.stop();
  await rm(local, { recursive: true, force: true });
  expect(processesMentioning([sshd.directory, local])).toEqual([]);
});

function ossh(...args: string[]): string {
  return [process.execPath, CLI_BINARY, ...args].map((word) => `'${word}'`).join(' ');
}

/**
 * ssh, sshd and ossh processes still running that mention the test's sshd
 * directory, but the sshd itself (the tmux pane's own shell mentions it too).
 */
function leftovers(directory: string, exceptPid?: number): string[] {
  return processesMentioning([directory])
    .filter(
      (entry) => entry.pid !== exceptPid && /^(\S*\/)?(ssh|sshd|node) /.test(entry.commandLine),
    )
    .map((entry) => entry.commandLine);
}

it('leaves no tmux server or socket behind once a pane is disposed', async () => {
  const pane = startTmuxPane('true');
  await pane.waitFor(/EXIT=0/);
  expect(existsSync(pane.socketPath)).toBe(true);
  pane[Symbol.dispose]();
  expect(existsSync(dirname(pane.socketPath))).toBe(false);
  expect(processesMentioning([pane.socketPath])).toEqual([]);
});

it('draws a progress bar with bytes, rate and ETA on a terminal', async () => {
  const file = join(local, 'big.bin');
  await writeFile(file, randomBytes(32 * 1024 * 1024));
  using pane = startTmuxPane(
    ossh('put', '-F', sshd.sshConfigFile, file, `${sshd.hostAlias}:${remoteFile}`),
  );
  await pane.waitFor(/EXIT=0/);
  const screen = pane.capture();
  expect(screen).toMatch(
    /big\.bin → .* \[[█░]+\] 100% \| 32\.0 MiB \/ 32\.0 MiB \| [\d.]+ [KMG]iB\/s \| ETA \d+s/,
  );
  // The plain-line fallback is for pipes only.
  expect(screen).not.toContain(': done,');
  await eventually(() => leftovers(sshd.directory, sshd.pid).length === 0);
  expect(leftovers(sshd.directory, sshd.pid)).toEqual([]);
}, 120_000);

it('Ctrl-C stops a remote command and cleans up (exit 130)', async () => {
  const marker = `sleep ${6000 + (process.pid % 1000)}`;
  using pane = startTmuxPane(
    ossh('exec', '-F', sshd.sshConfigFile, sshd.hostAlias, '--', 'sh', '-c', marker),
  );
  expect(
    await eventually(() => listProcesses().some((entry) => entry.commandLine === marker), 30_000),
  ).toBe(true);
  pane.sendKeys('C-c');
  await pane.waitFor(/EXIT=130/, 30_000);
  expect(pane.capture()).toContain('ossh: interrupted');
  expect(
    await eventually(() => !listProcesses().some((entry) => entry.commandLine === marker)),
  ).toBe(true);
  expect(await eventually(() => leftovers(sshd.directory, sshd.pid).length === 0)).toBe(true);
}, 120_000);

it('Ctrl-C during the demo removes its sshd, masters and files', async () => {
  using pane = startTmuxPane(ossh('demo'));
  const [, directory] = await pane.waitFor(/its keys, configs and logs: (\S+) \(removed/);
  await pane.waitFor(/Output streams as it is produced/);
  pane.sendKeys('C-c');
  await pane.waitFor(/EXIT=130/, 30_000);
  expect(pane.capture()).toContain('stopping the demo and cleaning up');
  expect(directory).toBeDefined();
  expect(await eventually(() => leftovers(directory ?? '').length === 0)).toBe(true);
  expect(existsSync(directory ?? '')).toBe(false);
}, 120_000);

it('shows live per-host status while `run` works, then only the summary', async () => {
  const hosts = [sshd.hostAlias, sshd.hostAlias, sshd.hostAlias].join(',');
  using pane = startTmuxPane(
    ossh('run', '-F', sshd.sshConfigFile, '-H', hosts, '--parallel', '2', '--', 'sleep', '2'),
  );
  await pane.waitFor(/0\/3 done, 2 in flight, 1 queued/);
  await pane.waitFor(/ {2}running {4}ossh-test-\d+ /);
  await pane.waitFor(/EXIT=0/);
  const screen = pane.capture();
  expect(screen).toMatch(/HOST +EXIT +DURATION +ERROR/);
  expect(screen).toContain('3 hosts: 3 ok, 0 failed');
  // log-update erased the live region before the table was printed.
  expect(screen).not.toContain('in flight');
  expect(await eventually(() => leftovers(sshd.directory, sshd.pid).length === 0)).toBe(true);
}, 120_000);
