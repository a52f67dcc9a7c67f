import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { harnessSshd } from './vitest-context.js';
import { isAlive, processesMentioning } from './processes.js';
import { startSshd, type TestSshd } from './start-sshd.js';

const execFileAsync = promisify(execFile);
const directoriesUsed: string[] = [];

async function sshEcho(sshConfigFile: string, hostAlias: string, word: string): Promise<string> {
  const { stdout } = await execFileAsync('ssh', ['-F', sshConfigFile, hostAlias, 'echo', word], {
    timeout: 20_000,
  });
  return stdout;
}

afterEach(() => {
  // Nothing this file started may outlive its test: no sshd with our config,
  // no ssh client pointed at our files, no temp directory.
  expect(processesMentioning(directoriesUsed)).toEqual([]);
  for (const directory of directoriesUsed.splice(0)) expect(existsSync(directory)).toBe(false);
});

describe('harness sshd', () => {
  it('the globalSetup instance answers the real ssh client through the generated ssh_config only', async () => {
    const sshd = harnessSshd();
    expect(await sshEcho(sshd.sshConfigFile, sshd.hostAlias, 'hello')).toBe('hello\n');
  });

  it('runs two instances at once, each reachable, and stop() ends only its own sshd', async () => {
    const first = await startSshd();
    const second = await startSshd({ maxSessions: 3, extraConfig: ['ClientAliveInterval 30'] });
    directoriesUsed.push(first.directory, second.directory);
    try {
      expect(first.port).not.toBe(second.port);
      const [one, two] = await Promise.all([
        sshEcho(first.sshConfigFile, first.hostAlias, 'one'),
        sshEcho(second.sshConfigFile, second.hostAlias, 'two'),
      ]);
      expect([one, two]).toEqual(['one\n', 'two\n']);
      await first.stop();
      expect(isAlive(first.pid)).toBe(false);
      expect(isAlive(second.pid)).toBe(true);
      expect(await sshEcho(second.sshConfigFile, second.hostAlias, 'still')).toBe('still\n');
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('listens on ::1 when asked', async () => {
    await using sshd = await startSshd({ listenAddress: '::1' });
    directoriesUsed.push(sshd.directory);
    expect(sshd.host).toBe('::1');
    expect(await sshEcho(sshd.sshConfigFile, sshd.hostAlias, 'six')).toBe('six\n');
  });

  it('logs in as a user whose shell is /bin/sh when running as root', async () => {
    const sshd = harnessSshd();
    const { stdout } = await execFileAsync(
      'ssh',
      ['-F', sshd.sshConfigFile, sshd.hostAlias, 'id -un; echo $0'],
      {
        timeout: 20_000,
      },
    );
    const [user] = stdout.split('\n');
    expect(user).toBe(sshd.user);
    if (process.getuid?.() === 0) expect(sshd.user).toBe('ossh-test');
  });

  it('loginShell: the account ossh-test-<shell> really runs command lines through that shell', async () => {
    await using fish = await startSshd({ loginShell: 'fish' });
    await using ash = await startSshd({ loginShell: 'ash' });
    directoriesUsed.push(fish.directory, ash.directory);
    expect([fish.user, ash.user]).toEqual(['ossh-test-fish', 'ossh-test-ash']);
    // `set x 1` assigns a variable only in fish (sh sets $1 instead).
    const run = async (sshd: TestSshd, line: string): Promise<string> =>
      (
        await execFileAsync('ssh', ['-F', sshd.sshConfigFile, sshd.hostAlias, line], {
          timeout: 20_000,
        })
      ).stdout;
    expect(await run(fish, 'set x 1; echo $x')).toBe('1\n');
    expect((await run(ash, 'readlink /proc/$$/exe; true')).trim()).toMatch(/\/busybox$/);
  });

  it('exposes the per-connection sshd processes so tests can drop a connection', async () => {
    await using sshd = await startSshd();
    directoriesUsed.push(sshd.directory);
    const client = execFileAsync('ssh', ['-F', sshd.sshConfigFile, sshd.hostAlias, 'sleep 30'], {
      timeout: 20_000,
    });
    let pids: number[] = [];
    for (let waited = 0; waited < 10_000 && pids.length === 0; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      pids = sshd.connectionPids();
    }
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await expect(client).rejects.toMatchObject({ code: 255 });
  });
});
