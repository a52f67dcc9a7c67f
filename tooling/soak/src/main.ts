// `pnpm soak [--minutes=N] [--workers=N] [--transports=native,process,ssh2]`:
// sessions through the link relay run commands, streams both ways and SFTP
// transfers for the given time while faults are injected at random, then
// everything is closed and checked for leaks. Prints what ran, what was
// injected, every failure no fault explains, and what was left behind.
// Exits 1 when there was any unexplained failure or leak.
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startLinkRelay, type LinkRelay } from '@openssh-ts/link-relay';
import { deadLinkBound, Session, type TransportFactory } from '@openssh-ts/session-core';
import {
  newDescriptors,
  openDescriptors,
  processesMentioning,
  startSshd,
  type SshdInfo,
} from '@openssh-ts/test-sshd';
import { nativeTransport } from '@openssh-ts/transport-native';
import { processTransport } from '@openssh-ts/transport-process';
import { ssh2Transport } from '@openssh-ts/transport-ssh2';
import { injectFaults } from './fault-injector.js';
import { SoakTally } from './soak-tally.js';
import { OPERATIONS, WrongResult, type ScratchPlaces } from './workload.js';

const KEEPALIVE = { serverAliveInterval: 1000, serverAliveCountMax: 1 } as const;
const CONNECT_TIMEOUT = 5000;
/** An operation taking longer than this hangs: no fault excuses it. */
const HANG_LIMIT = 60_000;

const TRANSPORTS: Record<string, () => TransportFactory> = {
  native: nativeTransport,
  process: processTransport,
  // Connects by itself: no master, so its leaks show as descriptors, not processes.
  ssh2: () => ssh2Transport(),
};

interface WorkerSetup {
  readonly transport: TransportFactory;
  readonly sshd: SshdInfo;
  readonly relay: LinkRelay;
  readonly controlDirectory: string;
  readonly places: ScratchPlaces;
  readonly tally: SoakTally;
  readonly deadline: number;
}

function connect(setup: WorkerSetup): Promise<Session> {
  const { sshd, relay } = setup;
  return Session.connect(`ssh://${sshd.user}@127.0.0.1:${relay.port}`, {
    transport: setup.transport,
    keyFile: sshd.identityFile,
    userKnownHostsFile: sshd.knownHostsFile,
    controlDirectory: setup.controlDirectory,
    connectTimeout: CONNECT_TIMEOUT,
    sshOptions: relay.sshOptions.filter((option) => option.startsWith('HostKeyAlias=')),
    ...KEEPALIVE,
  });
}

function hangGuard<T>(operation: Promise<T>, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new WrongResult(`${name} hung for ${HANG_LIMIT} ms`)),
      HANG_LIMIT,
    );
  });
  return Promise.race([operation, limit]).finally(() => clearTimeout(timer));
}

async function work(setup: WorkerSetup): Promise<void> {
  const { tally } = setup;
  let session: Session | undefined;
  const drop = async (): Promise<void> => {
    const closing = session;
    session = undefined;
    await closing?.close().catch(() => undefined);
  };
  while (Date.now() < setup.deadline) {
    if (session === undefined) {
      try {
        session = await hangGuard(connect(setup), 'connect');
        tally.connects += 1;
      } catch (error) {
        if (error instanceof WrongResult) tally.unexplained.push(unexplained('connect', error));
        else tally.failed('connect', error);
        await sleep(200);
        continue;
      }
    }
    const operation = OPERATIONS[Math.floor(Math.random() * OPERATIONS.length)]!;
    const name = `${setup.transport.name} ${operation.name}`;
    try {
      await hangGuard(operation.run(session, setup.places), name);
      tally.succeeded(name);
    } catch (error) {
      if (error instanceof WrongResult) tally.unexplained.push(unexplained(name, error));
      else tally.failed(name, error);
      // A failed check means the session is gone: start again with a new one.
      const alive = await session.check().then(
        () => true,
        () => false,
      );
      if (!alive) await drop();
    }
  }
  await drop();
}

function unexplained(operation: string, error: Error) {
  return { operation, at: Date.now(), message: `${error.name}: ${error.message}` };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    // pnpm passes the `--` of `pnpm soak -- --minutes=30` through.
    args: process.argv.slice(2).filter((argument) => argument !== '--'),
    options: {
      minutes: { type: 'string', default: '1' },
      workers: { type: 'string', default: '4' },
      transports: { type: 'string', default: 'native,process,ssh2' },
    },
  });
  const minutes = Number(values.minutes);
  const workers = Number(values.workers);
  const transports = values.transports.split(',').map((name) => {
    const factory = TRANSPORTS[name];
    if (factory === undefined) throw new Error(`unknown transport ${name}`);
    return factory();
  });
  if (!(minutes > 0) || !(workers >= 1))
    throw new Error('--minutes and --workers must be positive');

  const explainsFor =
    Math.max(
      deadLinkBound({
        intervalMs: KEEPALIVE.serverAliveInterval,
        countMax: KEEPALIVE.serverAliveCountMax,
      }) + 1000,
      CONNECT_TIMEOUT,
    ) + 2000;
  const tally = new SoakTally(explainsFor);
  const controlDirectory = mkdtempSync(join(tmpdir(), 'soak-'));
  const places: ScratchPlaces = {
    local: mkdtempSync(join(tmpdir(), 'soak-files-')),
    remote: mkdtempSync(join(tmpdir(), 'soak-remote-')),
  };
  // As root the harness logs in as its dedicated user, who must be able to
  // write here; sticky like /tmp, so each file stays its owner's.
  chmodSync(places.remote, 0o1777);
  const sshd = await startSshd();
  const relay = await startLinkRelay({ target: { host: sshd.host, port: sshd.port } });
  const descriptorsBefore = openDescriptors();
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  console.log(
    `soak: ${minutes} min, ${workers} workers on ${transports.map((t) => t.name).join(', ')}; keepalive 1 s x 1, faults every 3-10 s`,
  );
  const progress = setInterval(() => {
    const done = [...tally.operations.values()].reduce((sum, entry) => sum + entry.ok, 0);
    const faults = [...tally.faults.values()].reduce((sum, count) => sum + count, 0);
    console.log(
      `  ${Math.round((Date.now() - started) / 1000)} s: ${done} operations ok, ${faults} faults, ${tally.connects} connects, ${tally.unexplained.length} unexplained`,
    );
  }, 60_000);
  await Promise.all([
    injectFaults(relay, tally, deadline),
    ...Array.from({ length: workers }, (_, index) =>
      work({
        transport: transports[index % transports.length]!,
        sshd,
        relay,
        controlDirectory,
        places,
        tally,
        deadline,
      }),
    ),
  ]);
  clearInterval(progress);
  // Let the last closes finish their cleanup before looking for leaks.
  await sleep(1000);
  const leakedProcesses = processesMentioning([controlDirectory]);
  const leakedDirectories = readdirSync(controlDirectory);
  const leakedDescriptors = newDescriptors(descriptorsBefore, openDescriptors());
  const remotePartials = readdirSync(places.remote).filter((name) =>
    name.includes('.ossh-partial-'),
  );
  const localPartials = readdirSync(places.local).filter((name) => name.includes('.ossh-partial-'));
  await relay.close();
  await sshd.stop();
  rmSync(places.remote, { recursive: true, force: true });
  rmSync(places.local, { recursive: true, force: true });
  rmSync(controlDirectory, { recursive: true, force: true });

  console.log(`\nran ${Math.round((Date.now() - started) / 1000)} s`);
  console.log('operations (ok / failed during a fault):');
  for (const [name, entry] of [...tally.operations].sort())
    console.log(`  ${name}: ${entry.ok} / ${entry.failedByFault}`);
  console.log(`connects: ${tally.connects}`);
  console.log(
    `faults injected: ${[...tally.faults].map(([kind, count]) => `${kind} ${count}`).join(', ')}`,
  );
  console.log(`failures that were not faults: ${tally.unexplained.length}`);
  for (const failure of tally.unexplained.slice(0, 20))
    console.log(
      `  +${Math.round((failure.at - started) / 1000)} s ${failure.operation}: ${failure.message}`,
    );
  console.log(
    `leaks: ${leakedProcesses.length} ssh processes, ${leakedDirectories.length} control directories, ${leakedDescriptors.length} file descriptors, ${localPartials.length} local partial files`,
  );
  for (const entry of [...leakedProcesses.map((p) => p.commandLine), ...leakedDescriptors])
    console.log(`  ${entry}`);
  const unnamed = remotePartials.filter((name) => !tally.namedPartials.has(name));
  console.log(
    `remote partial files left by cut-off puts: ${remotePartials.length}, of which named in no error: ${unnamed.length}`,
  );
  const leaks =
    leakedProcesses.length +
    leakedDirectories.length +
    leakedDescriptors.length +
    localPartials.length +
    unnamed.length;
  process.exitCode = tally.unexplained.length > 0 || leaks > 0 ? 1 : 0;
}

await main();
