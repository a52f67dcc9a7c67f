import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectOptions } from './connect-options.js';
import { exitMaster } from './exit-master.js';
import { openMaster, type OpenMasterHooks } from './open-master.js';

let directory: string;
const lines: string[] = [];
const record = (message: unknown): void => {
  lines.push((message as { message: string }).message);
};
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ost-open-'));
  lines.length = 0;
  subscribe('openssh-ts', record);
});
afterEach(() => {
  unsubscribe('openssh-ts', record);
  expect(processesMentioning([directory])).toEqual([]);
  rmSync(directory, { recursive: true, force: true });
});

const launches = (): number => lines.filter((line) => line.startsWith('launch master:')).length;

/** Opens a master with an ssh_config (`-F`) holding `config`; returns its command line, then stops it. */
async function masterCommandLine(
  config: string,
  options: Partial<ConnectOptions> = {},
  hooks: OpenMasterHooks = {},
): Promise<string[]> {
  const sshd = harnessSshd();
  const configFile = join(directory, 'ssh_config');
  writeFileSync(configFile, config);
  const paths = await openMaster(
    `ssh://${sshd.user}@${sshd.host}:${sshd.port}`,
    {
      keyFile: sshd.identityFile,
      userKnownHostsFile: sshd.knownHostsFile,
      controlDirectory: directory,
      configFile,
      ...options,
    },
    hooks,
  );
  // `ssh -O check` says `Master running (pid=N)` on stderr.
  const status = execFileSync(
    'sh',
    ['-c', `ssh -S '${paths.controlSocket}' -O check none 2>&1 || true`],
    { encoding: 'utf8' },
  );
  const pid = /pid=(\d+)/.exec(status)?.[1];
  expect(pid).toBeDefined();
  const argv = readFileSync(`/proc/${pid ?? ''}/cmdline`, 'utf8').split('\0');
  await exitMaster('ssh', paths.controlSocket);
  for (let waited = 0; waited < 5000 && processesMentioning([directory]).length > 0; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return argv;
}

describe.skipIf(process.platform !== 'linux')('openMaster and the default keepalive', () => {
  it('gives the master the default interval when no config file mentions one', async () => {
    const argv = await masterCommandLine('Host *\n  ServerAliveCountMax 3\n');
    expect(argv).toContain('ServerAliveInterval=15');
    expect(launches()).toBe(1);
  });

  it('gives the default with a BatchMode yes in the config too (Debian would make it 300 s)', async () => {
    const argv = await masterCommandLine('Host *\n  BatchMode yes\n');
    expect(argv).toContain('ServerAliveInterval=15');
    expect(launches()).toBe(1);
  });

  it("keeps the config's own interval when a config file sets one", async () => {
    const argv = await masterCommandLine('Host *\n  ServerAliveInterval 7\n');
    expect(argv.some((value) => /^ServerAliveInterval=/i.test(value))).toBe(false);
    expect(launches()).toBe(1);
  });

  it('starts the master again without ours when ssh -G finds an interval the guess missed', async () => {
    const argv = await masterCommandLine(
      'Host *\n  ServerAliveInterval 7\n',
      {},
      { configMayMention: () => Promise.resolve(false) },
    );
    expect(argv.some((value) => /^ServerAliveInterval=/i.test(value))).toBe(false);
    expect(launches()).toBe(2);
    expect(lines.join('\n')).toMatch(/starting the master again/);
  });

  it('runs ssh -G beside the launch when the options set the interval', async () => {
    const argv = await masterCommandLine('Host *\n  ServerAliveInterval 7\n', {
      serverAliveInterval: 20_000,
    });
    expect(argv).toContain('ServerAliveInterval=20');
  });
});
