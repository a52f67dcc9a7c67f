// Test and benchmark support, not part of the public API: starts a real
// ControlMaster against a harness sshd and removes every trace of it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { SshdInfo } from '@openssh-ts/test-sshd';
import { isAlive, processesMentioning, signalQuietly } from '@openssh-ts/test-sshd';

const execFileAsync = promisify(execFile);

/** A running `ssh -M` master; `stop()` kills it and removes its directory. */
export interface TestMaster extends AsyncDisposable {
  /** Control socket path (short: Unix socket paths are limited to ~100 bytes). */
  readonly controlSocket: string;
  /** Temporary directory holding the socket; gone after `stop()`. */
  readonly directory: string;
  /** Pid of the master. */
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts `ssh -M -N -f -S <dir>/ctl -F <sshd config> <alias>` and waits until it listens. */
export async function startMaster(
  sshd: SshdInfo,
  extraOptions: readonly string[] = [],
): Promise<TestMaster> {
  const directory = mkdtempSync('/tmp/ossh-native-');
  const controlSocket = join(directory, 'ctl');
  const options = ['-o', 'ControlPersist=no', '-o', 'BatchMode=yes', ...extraOptions];
  try {
    await execFileAsync(
      'ssh',
      ['-M', '-N', '-f', '-S', controlSocket, '-F', sshd.sshConfigFile, ...options, sshd.hostAlias],
      {
        timeout: 20_000,
      },
    );
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const master = processesMentioning([controlSocket]).find((entry) =>
    entry.commandLine.includes(' -M '),
  );
  if (!master) {
    rmSync(directory, { recursive: true, force: true });
    throw new Error('the master did not start');
  }
  const stop = async (): Promise<void> => {
    signalQuietly(master.pid, 'SIGTERM');
    for (let waited = 0; waited < 5000 && isAlive(master.pid); waited += 20) await sleep(20);
    signalQuietly(master.pid, 'SIGKILL');
    // A link keeper (see link-keeper.ts) notices the master's end within a second.
    const leftovers = (): number => processesMentioning([directory, keeperMark(master.pid)]).length;
    for (let waited = 0; waited < 5000 && leftovers() > 0; waited += 50) await sleep(50);
    rmSync(directory, { recursive: true, force: true });
  };
  return { controlSocket, directory, pid: master.pid, stop, [Symbol.asyncDispose]: stop };
}

/** What a link keeper's command line holds for master `pid`, to find it in tests. */
export function keeperMark(pid: number): string {
  return `ossh-link-keeper ${pid}`;
}
