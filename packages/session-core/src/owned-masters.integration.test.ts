import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { afterEach, expect, it } from 'vitest';
import { isProcessAlive } from './process-liveness.js';

const execFileAsync = promisify(execFile);
const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const directories: string[] = [];

afterEach(() => {
  expect(processesMentioning(directories)).toEqual([]);
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

// A child Node process connects (with a transport that only knows `check`)
// and exits without closing: its 'exit' handler must end the master.
const childScript = (indexPath: string): string => `
import { spawnSync } from 'node:child_process';
import { Session } from ${JSON.stringify(indexPath)};
const sshd = JSON.parse(process.env.OSSH_SSHD);
const transport = {
  transportVersion: 2,
  name: 'check-only',
  mode: 'attach',
  attach: async (context) => ({
    transportVersion: 2,
    name: 'check-only',
    capabilities: {
      signals: false,
      exitSignals: false,
      binaryCommandLines: false,
      pty: false,
      detach: true,
    },
    check: async () => {
      const result = spawnSync('ssh', ['-S', context.controlSocket, '-O', 'check', 'none'], { encoding: 'utf8' });
      const pid = /pid=(\\d+)/.exec(result.stderr)?.[1];
      return pid === undefined ? {} : { masterPid: Number(pid) };
    },
    close: async () => {}, detach: async () => {},
  }),
};
const session = await Session.connect('ssh://' + sshd.user + '@' + sshd.host + ':' + sshd.port, {
  transport, keyFile: sshd.identityFile, userKnownHostsFile: sshd.knownHostsFile, controlDirectory: process.env.OSSH_PARENT,
});
process.stdout.write(JSON.stringify({ controlSocket: session.controlSocket }));
process.exit(0);
`;

it('ends the masters it owns when the Node process exits without closing them', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'ost-exit-'));
  directories.push(parent);
  const script = join(parent, 'child.mts');
  writeFileSync(script, childScript(join(packageDirectory, 'src', 'index.ts')));
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script], {
    cwd: packageDirectory,
    env: { ...process.env, OSSH_SSHD: JSON.stringify(harnessSshd()), OSSH_PARENT: parent },
    timeout: 30_000,
  });
  const { controlSocket } = JSON.parse(stdout) as { controlSocket: string };
  expect(controlSocket.startsWith(parent)).toBe(true);
  // The master got SIGTERM synchronously; give it a moment to go.
  for (let waited = 0; waited < 5000 && processesMentioning([parent]).length > 0; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(processesMentioning([parent]).filter((entry) => isProcessAlive(entry.pid))).toEqual([]);
  expect(existsSync(controlSocket)).toBe(false);
});
