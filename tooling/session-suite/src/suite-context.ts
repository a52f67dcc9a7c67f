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

/** How a transport's suite run differs from the default. */
export interface SuiteOptions {
  /**
   * Added to every connect of the suite (e.g. an `sshPath` that points
   * nowhere, to prove a transport needs no `ssh`).
   */
  readonly connectOptions?: Partial<ConnectOptions>;
  /**
   * A transport whose name lookups happen in a network namespace, for the
   * "cannot resolve" case of a transport that resolves names itself. Not
   * needed for master transports: the case wraps their `ssh` in `unshare -n`.
   */
  readonly isolatedResolver?: TransportFactory;
}

/** What each part of the suite gets. */
export interface SuiteContext {
  readonly transport: TransportFactory;
  /**
   * Whether the transport rides a ControlMaster (an attaching factory,
   * `capabilities.detach`): cases about control directories, masters and
   * detach/resume need one; on other transports they assert the refusal.
   */
  readonly ridesMaster: boolean;
  /** Options every connect of the suite adds (see {@link SuiteOptions.connectOptions}). */
  readonly connectOptions: Partial<ConnectOptions>;
  /** See {@link SuiteOptions.isolatedResolver}. */
  readonly isolatedResolver: TransportFactory | undefined;
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
  /**
   * The process whose death cuts `session`'s connection: its ControlMaster,
   * or on a transport with its own connection the sshd process serving it
   * (the remote shell's parent, `sshd: user@notty`, whose privileged
   * monitor exits with it). Asked while the session works, before a fault.
   */
  connectionCarriers(session: Session): Promise<number[]>;
}

/** Installs the per-test directory and leak check; returns the context. */
export function suiteContext(
  transport: TransportFactory,
  options: SuiteOptions = {},
): SuiteContext {
  let directory: string | undefined;
  let socketsBefore = 0;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ost-'));
    socketsBefore = openSockets();
  });
  afterEach(async () => {
    // A transport that brings its own connection leaves no process to find:
    // its leftovers would be sockets (connections, listeners) in this one.
    if (transport.mode === 'connect') await expectSocketsBackTo(socketsBefore);
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
  const connectOptions = options.connectOptions ?? {};
  const context: SuiteContext = {
    transport,
    ridesMaster: transport.mode === 'attach',
    connectOptions,
    isolatedResolver: options.isolatedResolver,
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
        ...connectOptions,
        ...options,
      }),
    masterPids: () =>
      processesMentioning([context.directory()])
        .filter(
          (entry) => /(^|\/)ssh\s/.test(entry.commandLine) && / -M /.test(` ${entry.commandLine} `),
        )
        .map((entry) => entry.pid),
    connectionCarriers: async (session) => {
      if (context.ridesMaster) return context.masterPids();
      const { stdout } = await session.command('echo').rawArg('$PPID').output();
      return [Number(stdout.toString())];
    },
    killRemote: (marker) => {
      for (const entry of listProcesses()) {
        if (entry.pid !== process.pid && entry.commandLine.includes(marker))
          signalQuietly(entry.pid, 'SIGKILL');
      }
    },
  };
  return context;
}

/** TCP sockets and listeners of this process (the vitest worker's own included). */
function openSockets(): number {
  return process
    .getActiveResourcesInfo()
    .filter(
      (name) => name === 'TCPSocketWrap' || name === 'TCPServerWrap' || name === 'PipeServerWrap',
    ).length;
}

/** Waits a little for closing sockets to go, then expects no more than before the test. */
async function expectSocketsBackTo(before: number): Promise<void> {
  for (let attempt = 0; attempt < 40 && openSockets() > before; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(openSockets()).toBeLessThanOrEqual(before);
}
