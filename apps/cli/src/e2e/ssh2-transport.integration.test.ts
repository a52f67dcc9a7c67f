// `ossh --transport ssh2` on a machine without ssh: PATH holds every program
// but ssh and --ssh points nowhere, so each command here proves the ssh2
// transport needs no binary. The sshd wants a password, asked on the
// terminal with echo off or read with --password-stdin.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hideSsh, type HiddenSsh } from '@openssh-ts/session-suite';
import { processesMentioning, startSshd, type TestSshd } from '@openssh-ts/test-sshd';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI_BINARY, ensureBuiltCli, runCli, startCli, type CliRun } from './built-cli.js';
import { eventually } from './eventually.js';
import { clientLeftovers } from './harness-config.js';
import { fetchText, startHelloServer, type HelloServer } from './hello-server.js';
import { startTmuxPane } from './tmux-pane.js';

let sshd: TestSshd;
let hidden: HiddenSsh;
let local: string;
let server: HelloServer;

beforeAll(async () => {
  ensureBuiltCli();
  sshd = await startSshd({ interactiveLogins: 'password' });
  local = await mkdtemp(join(tmpdir(), 'ossh-ssh2-cli-'));
  server = await startHelloServer();
  // Last, so that the harness and the build above still find their programs.
  hidden = hideSsh();
}, 240_000);

afterAll(async () => {
  hidden.restore();
  await server[Symbol.asyncDispose]();
  await rm(local, { recursive: true, force: true });
  await sshd.stop();
  expect(processesMentioning([sshd.directory])).toEqual([]);
});

const leftovers = (): string[] => clientLeftovers(sshd);

/** The flags of every command here: ssh2, this sshd's config, and an ssh that does not exist. */
function ssh2Flags(): string[] {
  return ['--transport', 'ssh2', '--ssh', hidden.sshPath, '-F', sshd.sshConfigFile];
}

/** Runs `ossh <command> --password-stdin <ssh2 flags> ...rest` with the password on stdin. */
function withPassword(
  command: string,
  rest: readonly string[],
  afterPassword = '',
): Promise<CliRun> {
  return runCli([command, '--password-stdin', ...ssh2Flags(), ...rest], {
    input: `${sshd.password ?? ''}\n${afterPassword}`,
  });
}

it('runs with no ssh on PATH', () => {
  const found = spawnSync('ssh', ['-V']);
  expect((found.error as NodeJS.ErrnoException | undefined)?.code).toBe('ENOENT');
});

it('asks for the password on the terminal with echo off, and does not show it', async () => {
  const password = sshd.password ?? '';
  const command = [process.execPath, CLI_BINARY, 'exec', ...ssh2Flags(), sshd.hostAlias]
    .concat(['--', 'echo', 'logged-in'])
    .map((word) => `'${word}'`)
    .join(' ');
  using pane = startTmuxPane(command, { PATH: process.env['PATH'] ?? '' });
  // keyboard-interactive comes before password, as in ssh; PAM asks "Password: ".
  await pane.waitFor(new RegExp(`\\(${sshd.user}@${sshd.host}\\) Password: `));
  // While the question waits, the terminal itself has echo off (raw mode).
  const settings = execFileSync('stty', ['-F', pane.device(), '-a'], { encoding: 'utf8' });
  expect(settings.split(/\s+/)).toContain('-echo');
  pane.sendKeys('-l', '--', password);
  pane.sendKeys('Enter');
  await pane.waitFor(/EXIT=\d+/);
  const screen = pane.capture();
  expect(screen).toContain('logged-in');
  expect(screen).toContain('EXIT=0');
  expect(screen).not.toContain(password);
  await eventually(() => leftovers().length === 0);
  expect(leftovers()).toEqual([]);
}, 60_000);

it('exec: exit codes and stdin after the password line', async () => {
  const failing = await withPassword(
    'exec',
    [sshd.hostAlias, '--', 'sh', '-c', 'cat; exit 3'],
    'for the command\n',
  );
  expect(failing).toMatchObject({ code: 3, stdout: 'for the command\n', stderr: '' });
});

it('run: every host ok, in the summary', async () => {
  const result = await withPassword(
    'run',
    ['-H', `${sshd.hostAlias},${sshd.hostAlias}`, '--json'].concat(['--', 'echo', 'hi']),
  );
  expect(result.code).toBe(0);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines.at(-1)).toMatchObject({ type: 'summary', hosts: 2, ok: 2, exitCode: 0 });
  expect(lines.slice(0, 2).map((line) => line['stdout'])).toEqual(['hi\n', 'hi\n']);
});

it('put, ls and get: the file makes the round trip', async () => {
  const remoteRoot = `/tmp/ossh-ssh2-cli-${process.pid}`;
  const content = Buffer.alloc(300_000, 'ssh2 ');
  await writeFile(join(local, 'up.bin'), content);
  expect((await withPassword('exec', [sshd.hostAlias, '--', 'mkdir', '-p', remoteRoot])).code).toBe(
    0,
  );
  try {
    const put = await withPassword('put', [
      join(local, 'up.bin'),
      `${sshd.hostAlias}:${remoteRoot}/`,
    ]);
    expect(put.code, put.stderr).toBe(0);
    const listing = await withPassword('ls', [`${sshd.hostAlias}:${remoteRoot}`]);
    expect(listing).toMatchObject({ code: 0, stdout: 'up.bin\n' });
    const back = join(local, 'back.bin');
    const got = await withPassword('get', [`${sshd.hostAlias}:${remoteRoot}/up.bin`, back]);
    expect(got.code, got.stderr).toBe(0);
    expect((await readFile(back)).equals(content)).toBe(true);
  } finally {
    await withPassword('exec', [sshd.hostAlias, '--', 'rm', '-rf', remoteRoot]);
  }
});

it('forward: -L and -R carry requests and close on Ctrl-C', async () => {
  const target = `127.0.0.1:${server.port}`;
  const forward = startCli(
    ['forward', '--password-stdin', ...ssh2Flags(), sshd.hostAlias].concat([
      '-L',
      `127.0.0.1:0:${target}`,
      '-R',
      `127.0.0.1:0:${target}`,
    ]),
  );
  forward.child.stdin.end(`${sshd.password ?? ''}\n`);
  const localPort = await forward.waitForStdout(/forwarding -L 127\.0\.0\.1:(\d+) -> /);
  const remote = await forward.waitForStdout(/-R 127\.0\.0\.1:0 -> .* \(allocated port (\d+)\)/);
  expect(await fetchText(Number(localPort[1]), '/through-L')).toBe('hello /through-L');
  expect(await fetchText(Number(remote[1]), '/through-R')).toBe('hello /through-R');
  forward.child.kill('SIGINT');
  expect(await forward.exited).toEqual({ code: 0, signal: null });
  expect(forward.stderr()).toContain('ossh: forwards closed');
  await eventually(() => leftovers().length === 0);
  expect(leftovers()).toEqual([]);
});
