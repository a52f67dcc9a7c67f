// Shared plumbing of the session suite: connecting to the harness sshd with
// a per-test parent control directory, and the leak check after each test.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  processesMentioning,
  listProcesses,
  signalQuietly,
  type SshdInfo,
} from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { afterEach, beforeEach, expect } from 'vitest';
import { type ConnectOptions, Session, type TransportFactory } from '@openssh-ts/session-core';

/** What each part of the suite gets. */
export interface SuiteContext {
  readonly transport: TransportFactory;
  /** The harness sshd of this run. */
  sshd(): SshdInfo;
  /** This test's parent directory for control directories (and other temp files). */
  directory(): string;
  /** Connects to `sshd` (default: the harness one) with the test's control directory. */
  connect(options?: Partial<ConnectOptions>, sshd?: SshdInfo): Promise<Session>;
  /** `ssh://user@host:port` of `sshd`. */
  destination(sshd?: SshdInfo): string;
  /** Kills local processes (the "remote" side is this machine) whose command line contains `marker`. */
  killRemote(marker: string): void;
  /** Pids of the ControlMaster(s) this test started (found by the test's directory). */
  masterPids(): number[];
}

/** Installs the per-test directory and leak check; returns the context. */
export function suiteContext(transport: TransportFactory): SuiteContext {
  let directory: string | undefined;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ost-'));
  });
  afterEach(() => {
    const used = directory;
    directory = undefined;
    if (used === undefined) return;
    // Nothing of the test may outlive it: no ssh (master or command) that
    // mentions its directory, and no control directory inside it.
    const leftovers = processesMentioning([used]);
    // Killed before asserting, so one failing test cannot leak into the next.
    for (const entry of leftovers) signalQuietly(entry.pid, 'SIGKILL');
    const entries = readdirSync(used);
    rmSync(used, { recursive: true, force: true });
    expect(leftovers).toEqual([]);
    expect(entries.filter((name) => name.startsWith('ossh-'))).toEqual([]);
  });
  const context: SuiteContext = {
    transport,
    sshd: harnessSshd,
    directory: () => {
      if (directory === undefined) throw new Error('directory() is only available inside a test');
      return directory;
    },
    destination: (sshd = harnessSshd()) =>
      `ssh://${sshd.user}@${sshd.host.includes(':') ? `[${sshd.host}]` : sshd.host}:${sshd.port}`,
    connect: (options = {}, sshd = harnessSshd()) =>
      Session.connect(context.destination(sshd), {
        transport,
        keyFile: sshd.identityFile,
        userKnownHostsFile: sshd.knownHostsFile,
        controlDirectory: context.directory(),
        ...options,
      }),
    masterPids: () =>
      processesMentioning([context.directory()])
        .filter(
          (entry) => /(^|\/)ssh\s/.test(entry.commandLine) && / -M /.test(` ${entry.commandLine} `),
        )
        .map((entry) => entry.pid),
    killRemote: (marker) => {
      for (const entry of listProcesses()) {
        if (entry.pid !== process.pid && entry.commandLine.includes(marker))
          signalQuietly(entry.pid, 'SIGKILL');
      }
    },
  };
  return context;
}
