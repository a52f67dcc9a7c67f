// Test support for integration tests: a Session to the run's harness sshd
// over a given transport, with a per-test control directory whose leftovers
// (processes, sockets) are checked after the test.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, type TransportFactory } from '@openssh-ts/session-core';
import { processesMentioning, listProcesses, signalQuietly } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { afterEach, beforeEach, expect } from 'vitest';

/** What each integration test gets. */
export interface HarnessContext {
  /** Connects a new Session through the transport. */
  connect(): Promise<Session>;
  /** This test's local scratch directory (also holds control directories). */
  directory(): string;
  /** Pids of the ControlMaster(s) this test started. */
  masterPids(): number[];
}

/** Installs per-test scratch directories and the leak check. */
export function harnessContext(transport: TransportFactory): HarnessContext {
  let directory: string | undefined;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ossh-sftp-it-'));
  });
  afterEach(() => {
    const used = directory;
    directory = undefined;
    if (used === undefined) return;
    const leftovers = processesMentioning([used]);
    for (const entry of leftovers) signalQuietly(entry.pid, 'SIGKILL');
    const entries = readdirSync(used);
    rmSync(used, { recursive: true, force: true });
    expect(leftovers).toEqual([]);
    expect(entries.filter((name) => name.startsWith('ossh-'))).toEqual([]);
  });
  const context: HarnessContext = {
    directory: () => {
      if (directory === undefined) throw new Error('directory() is only available inside a test');
      return directory;
    },
    connect: () => {
      const sshd = harnessSshd();
      const host = sshd.host.includes(':') ? `[${sshd.host}]` : sshd.host;
      return Session.connect(`ssh://${sshd.user}@${host}:${sshd.port}`, {
        transport,
        keyFile: sshd.identityFile,
        userKnownHostsFile: sshd.knownHostsFile,
        controlDirectory: context.directory(),
      });
    },
    masterPids: () =>
      listProcesses()
        .filter(
          (entry) => entry.pid !== process.pid && entry.commandLine.includes(context.directory()),
        )
        .filter(
          (entry) => /(^|\/)ssh\s/.test(entry.commandLine) && / -M /.test(` ${entry.commandLine} `),
        )
        .map((entry) => entry.pid),
  };
  return context;
}
