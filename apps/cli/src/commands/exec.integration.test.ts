import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NASTY_ARGUMENTS, splitNulTerminated } from '../demo/nasty-arguments.js';
import { ensureBuiltCli, runCli } from '../e2e/built-cli.js';
import { harnessLeftovers, harnessTarget } from '../e2e/harness-config.js';

const { flags, host } = harnessTarget();

beforeAll(ensureBuiltCli, 240_000);

describe.each(['native', 'process'] as const)('ossh exec --transport %s', (transport) => {
  const exec = (args: readonly string[], input?: string) =>
    runCli(
      ['exec', ...flags, '--transport', transport, host, '--', ...args],
      input === undefined ? {} : { input },
    );

  it('passes the remote exit code through', async () => {
    expect((await exec(['true'])).code).toBe(0);
    expect((await exec(['sh', '-c', 'exit 7'])).code).toBe(7);
  });

  it('delivers nasty arguments byte for byte', async () => {
    const result = await exec(['printf', '%s\\0', ...NASTY_ARGUMENTS]);
    expect(result.code).toBe(0);
    expect(splitNulTerminated(Buffer.from(result.stdout, 'utf8'))).toEqual(NASTY_ARGUMENTS);
  });

  it('forwards stdin and streams stdout and stderr separately', async () => {
    const input = 'line one\nline two\n'.repeat(1000);
    const result = await exec(['sh', '-c', 'cat; echo to-stderr >&2'], input);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(input);
    expect(result.stderr).toBe('to-stderr\n');
  });

  it('reports a command that is not found with 127 and one line', async () => {
    const result = await exec(['no-such-program-ossh']);
    expect(result.code).toBe(127);
    expect(result.stderr).toMatch(/^ossh: .*command not found — /m);
  });

  it('stops the command after --timeout with 124', async () => {
    const result = await runCli([
      'exec',
      ...flags,
      '--transport',
      transport,
      '--timeout',
      '0.5',
      host,
      '--',
      'sleep',
      '30',
    ]);
    expect(result.code).toBe(124);
    expect(result.stderr).toMatch(/^ossh: .*timed out.*--timeout/m);
  });

  it('sends a --raw command line for the remote shell to parse', async () => {
    const result = await runCli([
      'exec',
      ...flags,
      '--transport',
      transport,
      '--raw',
      host,
      '--',
      'echo',
      '$((6*7))',
      '|',
      'tr',
      '4',
      'x',
    ]);
    expect(result.stdout).toBe('x2\n');
  });
});

describe('ossh exec and signals', () => {
  it('reports a remote signal as 128+n on the native transport', async () => {
    const result = await runCli(['exec', ...flags, '--raw', host, '--', 'kill -TERM $$']);
    expect(result.code).toBe(143);
  });

  it('reports 255 on the process transport, as ssh does', async () => {
    const result = await runCli([
      'exec',
      ...flags,
      '--transport',
      'process',
      '--raw',
      host,
      '--',
      'kill -TERM $$',
    ]);
    expect(result.code).toBe(255);
  });
});

describe('ossh exec connection errors', () => {
  it('exits 255 with one line saying what failed, why and what to try', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    const result = await runCli(['exec', ...flags, '-o', 'Port=1', host, '--', 'true']);
    expect(result.code).toBe(255);
    expect(result.stderr.trim().split('\n')).toEqual([
      `ossh: cannot connect to ${host}: connection refused — check the port (-p) and that sshd runs there`,
    ]);
  });

  it("shows ssh's log with --verbose", async () => {
    const result = await runCli(['exec', ...flags, '-v', host, '--', 'true']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^ssh\[.*\]: .*Authenticated/m);
  });

  it('takes the other connect options as flags, and leaves the control directory empty', async () => {
    const controlDirectory = await mkdtemp(join(tmpdir(), 'ossh-control-'));
    try {
      const result = await runCli([
        'exec',
        ...flags,
        '-C',
        '--server-alive-interval',
        '15',
        '--control-directory',
        controlDirectory,
        '--ssh',
        'ssh',
        host,
        '--',
        'echo',
        'ok',
      ]);
      expect(result).toMatchObject({ code: 0, stdout: 'ok\n' });
      expect(await readdir(controlDirectory)).toEqual([]);
    } finally {
      await rm(controlDirectory, { recursive: true, force: true });
    }
  });

  it('refuses bad flags with exit code 2', async () => {
    const result = await runCli(['exec', '--transport', 'telnet', host, '--', 'true']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Allowed choices are native, process');
  });
});

afterAll(() => {
  // No ssh master of these runs may outlive them.
  expect(harnessLeftovers()).toEqual([]);
});
