import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLinkRelay, type LinkRelay } from '@openssh-ts/link-relay';
import {
  processesMentioning,
  signalQuietly,
  startSshd,
  type SshdInfo,
} from '@openssh-ts/test-sshd';
import { runProgram } from './child-process.js';
import type { Cleanup } from './cleanup.js';
import type { ListeningSshd } from './cpu-meter.js';
import type { Sizes } from './options.js';
import type { Log } from './runner.js';

/** The ciphers a run compares; every tool is told the same one by name. */
export type CipherId = 'chacha20' | 'aes128gcm';

/** One cipher's client setup: an ssh_config alias, and a ControlMaster for the tools that ride one. */
export interface CipherSetup {
  readonly id: CipherId;
  /** OpenSSH name, passed as `-o Ciphers=` and to ssh2's `algorithms.cipher`. */
  readonly cipher: string;
  /** OpenSSH name, passed as `-o KexAlgorithms=` and to ssh2's `algorithms.kex`. */
  readonly kex: string;
  /** Host alias in `configFile`, whose block names the cipher and key exchange too. */
  readonly alias: string;
  readonly configFile: string;
  /** Control socket of the ControlMaster the run keeps up for this cipher. */
  readonly controlSocket: string;
  /** Pid of that ControlMaster, as `ssh -O check` reported it; absent if it did not say. */
  readonly masterPid?: number;
}

/**
 * Everything a case needs to reach the server; plain data, because child
 * processes that run isolated repetitions receive it as JSON.
 */
export interface BenchEnvironment {
  readonly mode: 'quick' | 'full';
  readonly sizes: Sizes;
  readonly sshd: SshdInfo;
  /** Short directory for control sockets and ssh_config files. */
  readonly scratchDirectory: string;
  /** Directory on tmpfs for transferred files, writable by the login user. */
  readonly dataDirectory: string;
  readonly ciphers: readonly CipherSetup[];
  /** The emulated link every connection crosses; absent on plain loopback. */
  readonly link?: LinkSetup;
}

/** What a run over the link relay asked for. */
export interface LinkRequest {
  readonly roundTripMs: number;
  readonly rateMbitPerSecond?: number;
}

/** The link relay in front of the run's sshd: clients connect here instead. */
export interface LinkSetup extends LinkRequest {
  readonly host: string;
  readonly port: number;
}

/** Where clients connect: the link relay when there is one, else sshd itself. */
export function endpoint(environment: BenchEnvironment): { host: string; port: number } {
  return environment.link ?? environment.sshd;
}

/** The default cipher and key exchange of every case (PERFORMANCE.md: name them in any comparison). */
export const CHACHA20: Pick<CipherSetup, 'id' | 'cipher' | 'kex'> = {
  id: 'chacha20',
  cipher: 'chacha20-poly1305@openssh.com',
  kex: 'curve25519-sha256',
};

/** The second cipher of the stream cases. */
export const AES128GCM: Pick<CipherSetup, 'id' | 'cipher' | 'kex'> = {
  id: 'aes128gcm',
  cipher: 'aes128-gcm@openssh.com',
  kex: 'curve25519-sha256',
};

/** `ssh`/`sftp`/`scp` options that pick the configuration, cipher and key exchange explicitly. */
export function sshOptions(setup: CipherSetup): string[] {
  return [
    '-F',
    setup.configFile,
    '-o',
    `Ciphers=${setup.cipher}`,
    '-o',
    `KexAlgorithms=${setup.kex}`,
  ];
}

/** The run's listening sshd, under which every contender's connection is served. */
export function listeningSshd(environment: BenchEnvironment): ListeningSshd {
  return { pid: environment.sshd.pid, port: environment.sshd.port };
}

/** Finds a cipher's setup; the environment always holds both. */
export function cipherSetup(environment: BenchEnvironment, id: CipherId): CipherSetup {
  const found = environment.ciphers.find((setup) => setup.id === id);
  if (found === undefined) throw new Error(`no setup for cipher ${id}`);
  return found;
}

async function writeCipherConfig(
  sshd: SshdInfo,
  directory: string,
  base: Pick<CipherSetup, 'id' | 'cipher' | 'kex'>,
  relay: LinkRelay | undefined,
): Promise<CipherSetup> {
  const alias = `bench-${base.id}`;
  const harnessConfig = await readFile(sshd.sshConfigFile, 'utf8');
  // The harness' block, renamed, with the algorithms first: ssh_config keeps
  // the first value it reads, so these win over anything later.
  const configFile = join(directory, `${base.id}.config`);
  const config = harnessConfig.replace(
    /^Host .*$/m,
    `Host ${alias}\n  Ciphers ${base.cipher}\n  KexAlgorithms ${base.kex}\n  ControlMaster no${
      // Through the relay, with the host key still checked against the harness' entry.
      relay === undefined
        ? ''
        : relay.sshOptions.map((option) => `\n  ${option.replace('=', ' ')}`).join('')
    }`,
  );
  await writeFile(configFile, config);
  return { ...base, alias, configFile, controlSocket: join(directory, `${base.id}.ctl`) };
}

/** `ssh -M -f -N`: returns once the master is authenticated and in the background. */
export async function launchMaster(setup: CipherSetup, controlSocket: string): Promise<void> {
  await runProgram('ssh', [
    ...sshOptions(setup),
    '-M',
    '-f',
    '-N',
    '-S',
    controlSocket,
    setup.alias,
  ]);
}

/** `ssh -O exit`; a master that is already gone is fine. */
export async function exitMaster(setup: CipherSetup, controlSocket: string): Promise<void> {
  await runProgram('ssh', [...sshOptions(setup), '-S', controlSocket, '-O', 'exit', setup.alias], {
    allowFailure: true,
  });
}

/** The pid in `ssh -O check`'s `Master running (pid=N)`; undefined for anything else. */
export function parseMasterCheck(output: string): number | undefined {
  const match = /Master running \(pid=(\d+)\)/.exec(output);
  const pid = Number(match?.[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** The pid of the master behind `controlSocket`, for CPU accounting; undefined if unknown. */
export async function masterPidOf(
  setup: CipherSetup,
  controlSocket: string,
): Promise<number | undefined> {
  const check = await runProgram(
    'ssh',
    [...sshOptions(setup), '-S', controlSocket, '-O', 'check', setup.alias],
    { allowFailure: true },
  );
  return parseMasterCheck(check.stderr);
}

/** Starts a ControlMaster for `setup` and registers its end. */
export async function startMaster(
  setup: CipherSetup,
  controlSocket: string,
  cleanup: Cleanup,
): Promise<void> {
  cleanup.add(`master ${controlSocket}`, async () => {
    if (existsSync(controlSocket)) await exitMaster(setup, controlSocket);
  });
  await launchMaster(setup, controlSocket);
}

/**
 * Starts the run's sshd (`MaxSessions 100`, so 50 concurrent channels on one
 * connection are never refused), one ssh_config and ControlMaster per cipher,
 * and the tmpfs data directory. Everything is registered with `cleanup`,
 * including a last sweep that kills any process still mentioning the run's
 * directories — an `ssh -f` master is not in our process group, so Ctrl-C
 * alone would not reach it.
 */
export async function startEnvironment(
  mode: 'quick' | 'full',
  sizes: Sizes,
  cleanup: Cleanup,
  log: Log,
  link?: LinkRequest,
): Promise<{ environment: BenchEnvironment; relay: LinkRelay | undefined }> {
  const scratchDirectory = await mkdtemp(join(tmpdir(), 'osb-'));
  const tmpfs = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dataDirectory = await mkdtemp(join(tmpfs, 'osb-data-'));
  cleanup.add('leftover processes', () => {
    for (const entry of processesMentioning([scratchDirectory, dataDirectory])) {
      log(`killing leftover process ${entry.pid}: ${entry.commandLine.slice(0, 120)}`);
      signalQuietly(entry.pid, 'SIGKILL');
    }
  });
  cleanup.add('scratch directories', async () => {
    await rm(scratchDirectory, { recursive: true, force: true });
    await rm(dataDirectory, { recursive: true, force: true });
  });
  // The login user (ossh-test when running as root) writes uploads here.
  await chmod(dataDirectory, 0o777);

  log('starting sshd (MaxSessions 100)…');
  const sshd = await startSshd({ maxSessions: 100 });
  cleanup.add('sshd', () => sshd.stop());
  let relay: LinkRelay | undefined;
  if (link !== undefined) {
    const rate = link.rateMbitPerSecond;
    log(
      `starting the link relay (${link.roundTripMs} ms round trip${rate === undefined ? '' : `, ${rate} Mbit/s`})…`,
    );
    relay = await startLinkRelay({
      target: { host: sshd.info.host, port: sshd.info.port },
      delayMs: link.roundTripMs / 2,
      // The machine is shared: the emulated link keeps its timing even when the contenders do not.
      priority: -10,
      ...(rate === undefined ? {} : { rateMbitPerSecond: rate }),
    });
    // Registered before the masters, so it closes after them (cleanup runs in reverse).
    cleanup.add('link relay', () => relay?.close());
  }
  const ciphers: CipherSetup[] = [];
  for (const base of [CHACHA20, AES128GCM]) {
    const setup = await writeCipherConfig(sshd.info, scratchDirectory, base, relay);
    await startMaster(setup, setup.controlSocket, cleanup);
    const masterPid = await masterPidOf(setup, setup.controlSocket);
    ciphers.push(masterPid === undefined ? setup : { ...setup, masterPid });
  }
  const environment: BenchEnvironment = {
    mode,
    sizes,
    sshd: sshd.info,
    scratchDirectory,
    dataDirectory,
    ciphers,
    ...(relay === undefined || link === undefined
      ? {}
      : { link: { ...link, host: relay.host, port: relay.port } }),
  };
  return { environment, relay };
}
