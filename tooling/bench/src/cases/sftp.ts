// SFTP transfers of one file between two tmpfs paths of this machine (the
// server's side and ours are the same /dev/shm). Every tool moves the same
// file; each contender's first repetition is checked by SHA-256. OpenSSH's
// sftp and scp ride the run's ControlMaster, and ssh2 and the project
// connect in untimed setup, so no figure includes a handshake.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client, SFTPWrapper, TransferOptions } from 'ssh2';
import type { BenchCase, Contender } from '../bench-case.js';
import { sizeLabel } from '../byte-streams.js';
import { runProgram } from '../child-process.js';
import { viaMaster } from '../cpu-meter.js';
import {
  cipherSetup,
  listeningSshd,
  sshOptions,
  type BenchEnvironment,
  type CipherSetup,
} from '../environment.js';
import { ensureFile } from '../files.js';
import type { Project, ProjectSftp, TransportName } from '../project.js';
import { connectSsh2, ssh2CpuTargets, ssh2Sftp } from '../ssh2-client.js';
import { projectConnection, projectIdentity } from './command-runners.js';
import { masterCeiling } from './master-ceiling.js';
import { pathsFor, transferContender, type Direction } from './transfer-contender.js';

const BASELINE = 'sftp -b';

/** ssh2's fastGet/fastPut tuned as PERFORMANCE.md found best: 64 requests of 255 KiB in flight. */
const SSH2_TUNED: TransferOptions = { concurrency: 64, chunkSize: 255 * 1024 };

function opensshSftp(
  environment: BenchEnvironment,
  setup: CipherSetup,
  direction: Direction,
  tuned: boolean,
): Contender {
  const name = tuned ? 'sftp -R 64 -B 261120 -b' : BASELINE;
  const batchFile = join(
    environment.scratchDirectory,
    `${direction}-${tuned ? 'tuned' : 'plain'}.batch`,
  );
  return transferContender(
    environment,
    direction,
    { name, role: 'comparison', cpuClient: 'spawned' },
    {
      setup: async () => {
        const paths = pathsFor(environment, direction, name);
        const line =
          direction === 'download'
            ? `get ${paths.source} ${paths.destination}`
            : `put ${paths.source} ${paths.destination}`;
        await writeFile(batchFile, `${line}\n`);
      },
      cpuTargets: () => Promise.resolve(viaMaster(setup.masterPid)),
      transfer: () =>
        runProgram('sftp', [
          ...sshOptions(setup),
          '-o',
          `ControlPath=${setup.controlSocket}`,
          ...(tuned ? ['-R', '64', '-B', '261120'] : []),
          '-b',
          batchFile,
          setup.alias,
        ]),
    },
  );
}

function scp(environment: BenchEnvironment, setup: CipherSetup, direction: Direction): Contender {
  return transferContender(
    environment,
    direction,
    { name: 'scp', role: 'comparison', cpuClient: 'spawned' },
    {
      cpuTargets: () => Promise.resolve(viaMaster(setup.masterPid)),
      transfer: (paths) =>
        runProgram('scp', [
          ...sshOptions(setup),
          '-o',
          `ControlPath=${setup.controlSocket}`,
          '-q',
          ...(direction === 'download'
            ? [`${setup.alias}:${paths.source}`, paths.destination]
            : [paths.source, `${setup.alias}:${paths.destination}`]),
        ]),
    },
  );
}

function ssh2FastTransfer(
  environment: BenchEnvironment,
  setup: CipherSetup,
  direction: Direction,
  tuned: boolean,
): Contender {
  let client: Client | undefined;
  let sftp: SFTPWrapper | undefined;
  const name = tuned ? 'ssh2 64×255 KiB + TCP_NODELAY' : 'ssh2 (defaults)';
  return transferContender(
    environment,
    direction,
    { name, role: 'comparison', isolate: true },
    {
      setup: async () => {
        client = await connectSsh2(environment, setup, { noDelay: tuned });
        sftp = await ssh2Sftp(client);
      },
      cpuTargets: () => {
        if (client === undefined) throw new Error('not set up');
        return Promise.resolve(ssh2CpuTargets(client));
      },
      transfer: (paths) =>
        new Promise<void>((resolve, reject) => {
          if (sftp === undefined) throw new Error('not set up');
          const done = (error: Error | null | undefined): void =>
            error ? reject(error) : resolve();
          const options = tuned ? SSH2_TUNED : {};
          if (direction === 'download')
            sftp.fastGet(paths.source, paths.destination, options, done);
          else sftp.fastPut(paths.source, paths.destination, options, done);
        }),
      teardown: async () => {
        sftp?.end();
        client?.end();
        await Promise.resolve();
      },
    },
  );
}

function projectSftp(
  project: Project,
  transport: TransportName,
  environment: BenchEnvironment,
  setup: CipherSetup,
  direction: Direction,
): Contender {
  const connection = projectConnection(project, transport, environment, setup);
  let sftp: ProjectSftp | undefined;
  return transferContender(
    environment,
    direction,
    { ...projectIdentity(project, transport, project.sftpUnavailable), isolate: true },
    {
      setup: async () => {
        sftp = await project.connectSftp(await connection.open());
      },
      cpuTargets: () => connection.cpuTargets(),
      transfer: async (paths) => {
        if (sftp === undefined) throw new Error('not set up');
        if (direction === 'download') await sftp.fastGet(paths.source, paths.destination);
        else await sftp.fastPut(paths.source, paths.destination);
      },
      teardown: async () => {
        await sftp?.close();
        await connection.close();
      },
    },
  );
}

/** SFTP download or upload of one file with chacha20-poly1305. */
export function sftpCase(
  project: Project,
  environment: BenchEnvironment,
  direction: Direction,
): BenchCase {
  const setup = cipherSetup(environment, 'chacha20');
  const bytes = environment.sizes.sftpBytes;
  return {
    id: `sftp-${direction}`,
    group: 'sftp',
    title: `SFTP ${direction} ${sizeLabel(bytes)} tmpfs → tmpfs, ${setup.cipher}`,
    unit: 'MiB/s',
    better: 'higher',
    repetitions: environment.sizes.bulkRepetitions,
    // After the stream cases, every contender's first 1 GiB here cost far
    // more CPU than its second (native 3.5 then 1.3 s, ssh2 4.1 then 3.5,
    // even sftp -b 1.8 then 1.1), so one unrecorded transfer each goes first.
    warmup: 1,
    baseline: BASELINE,
    cpu: { per: 'GiB', amount: bytes / 1024 ** 3, sshd: listeningSshd(environment) },
    prepare: () => ensureFile(pathsFor(environment, direction, BASELINE).source, bytes, 'pattern'),
    contenders: [
      projectSftp(project, 'native', environment, setup, direction),
      projectSftp(project, 'process', environment, setup, direction),
      projectSftp(project, 'ssh2', environment, setup, direction),
      opensshSftp(environment, setup, direction, false),
      opensshSftp(environment, setup, direction, true),
      scp(environment, setup, direction),
      ssh2FastTransfer(environment, setup, direction, false),
      ssh2FastTransfer(environment, setup, direction, true),
      masterCeiling(environment, setup, direction),
    ],
  };
}
