// 1 GiB (full run) through a remote command's stdout and stdin, for both
// ciphers. Node-side contenders run isolated so that their peak RSS is
// reported; `ssh -S ctl` straight to/from a file is OpenSSH's own ceiling
// with no Node process in the path.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import type { BenchCase, Contender, Sample } from '../bench-case.js';
import {
  countBytes,
  expectBytes,
  mebibytesPerSecond,
  sizeLabel,
  writeZeros,
} from '../byte-streams.js';
import { now } from '../child-process.js';
import {
  cipherSetup,
  sshOptions,
  type BenchEnvironment,
  type CipherId,
  type CipherSetup,
  listeningSshd,
} from '../environment.js';
import { viaMaster } from '../cpu-meter.js';
import { ensureFile } from '../files.js';
import type { Project, TransportName } from '../project.js';
import { connectSsh2, ssh2Command, ssh2CpuTargets } from '../ssh2-client.js';
import { projectConnection, projectIdentity } from './command-runners.js';
import { tcpThroughLink } from './link-ceiling.js';

type Direction = 'download' | 'upload';

const BASELINE = 'ssh -S ctl ↔ Node';

function remoteCommand(direction: Direction, bytes: number): string[] {
  return direction === 'download'
    ? ['head', '-c', String(bytes), '/dev/zero']
    : ['cat', '>', '/dev/null'];
}

function sshArgs(setup: CipherSetup, command: readonly string[]): string[] {
  return [...sshOptions(setup), '-S', setup.controlSocket, '-T', setup.alias, ...command];
}

function sshThroughNode(setup: CipherSetup, direction: Direction, bytes: number): Contender {
  return {
    name: BASELINE,
    role: 'comparison',
    isolate: true,
    cpuTargets: () => Promise.resolve(viaMaster(setup.masterPid)),
    run: async (): Promise<Sample> => {
      const child = spawn('ssh', sshArgs(setup, remoteCommand(direction, bytes)), {
        stdio: [
          direction === 'upload' ? 'pipe' : 'ignore',
          direction === 'download' ? 'pipe' : 'ignore',
          'inherit',
        ],
      });
      const exited = new Promise<number | null>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', resolve);
      });
      const started = now();
      if (direction === 'download')
        expectBytes(await countBytes(child.stdout!), bytes, 'ssh stdout');
      else await writeZeros(child.stdin!, bytes);
      const code = await exited;
      if (code !== 0) throw new Error(`ssh exit ${String(code)}`);
      return { value: mebibytesPerSecond(bytes, started) };
    },
  };
}

function sshStraightToFile(
  environment: BenchEnvironment,
  setup: CipherSetup,
  direction: Direction,
  bytes: number,
): Contender {
  const source = join(environment.dataDirectory, `zeros-${bytes}.bin`);
  return {
    name: direction === 'download' ? 'ssh -S ctl > /dev/null' : 'ssh -S ctl < tmpfs file',
    role: 'comparison',
    cpuClient: 'spawned',
    setup: async () => {
      if (direction === 'upload') await ensureFile(source, bytes, 'zeros');
    },
    cpuTargets: () => Promise.resolve(viaMaster(setup.masterPid)),
    run: async (): Promise<Sample> => {
      const input = direction === 'upload' ? openSync(source, 'r') : 'ignore';
      try {
        const started = now();
        await new Promise<void>((resolve, reject) => {
          const child = spawn('ssh', sshArgs(setup, remoteCommand(direction, bytes)), {
            stdio: [input, 'ignore', 'inherit'],
          });
          child.once('error', reject);
          child.once('close', (code) =>
            code === 0 ? resolve() : reject(new Error(`ssh exit ${String(code)}`)),
          );
        });
        return { value: mebibytesPerSecond(bytes, started) };
      } finally {
        if (typeof input === 'number') closeSync(input);
      }
    },
  };
}

function ssh2Stream(
  environment: BenchEnvironment,
  setup: CipherSetup,
  direction: Direction,
  bytes: number,
): Contender {
  let client: Client | undefined;
  return {
    name: 'ssh2 (TCP_NODELAY)',
    role: 'comparison',
    isolate: true,
    setup: async () => {
      client = await connectSsh2(environment, setup, { noDelay: true });
    },
    cpuTargets: () => {
      if (client === undefined) throw new Error('not set up');
      return Promise.resolve(ssh2CpuTargets(client));
    },
    run: async (): Promise<Sample> => {
      if (client === undefined) throw new Error('not set up');
      const started = now();
      const { channel, exit: exited } = await ssh2Command(
        client,
        remoteCommand(direction, bytes).join(' '),
      );
      channel.stderr.resume();
      if (direction === 'download') expectBytes(await countBytes(channel), bytes, 'ssh2 stdout');
      else {
        channel.resume();
        await writeZeros(channel, bytes);
      }
      const code = await exited;
      if (code !== 0) throw new Error(`ssh2 exit ${String(code)}`);
      return { value: mebibytesPerSecond(bytes, started) };
    },
    teardown: async () => {
      client?.end();
      await Promise.resolve();
    },
  };
}

function projectStream(
  project: Project,
  transport: TransportName,
  environment: BenchEnvironment,
  setup: CipherSetup,
  direction: Direction,
  bytes: number,
): Contender {
  const connection = projectConnection(project, transport, environment, setup);
  return {
    ...projectIdentity(project, transport),
    isolate: true,
    setup: async () => void (await connection.open()),
    cpuTargets: () => connection.cpuTargets(),
    run: async (): Promise<Sample> => {
      const session = connection.session();
      const [program, ...args] = remoteCommand(direction, bytes);
      // `cat > /dev/null` needs the shell's redirection, so upload runs through `sh -c`.
      const command =
        direction === 'download'
          ? session.command(program!).args(args)
          : session.command('sh').args(['-c', 'cat > /dev/null']);
      const started = now();
      const child = await command
        .stdin(direction === 'upload' ? 'pipe' : 'null')
        .stdout(direction === 'download' ? 'pipe' : 'null')
        .stderr('null')
        .spawn();
      if (direction === 'download') expectBytes(await countBytes(child.stdout!), bytes, 'stdout');
      else await writeZeros(child.stdin!, bytes);
      const status = await child.wait();
      if (!status.success) throw new Error(`exit ${String(status.code)}`);
      return { value: mebibytesPerSecond(bytes, started) };
    },
    teardown: () => connection.close(),
  };
}

/** One stream case: `direction` through a remote command's stdio with `cipher`. */
export function streamCase(
  project: Project,
  environment: BenchEnvironment,
  direction: Direction,
  cipher: CipherId,
): BenchCase {
  const setup = cipherSetup(environment, cipher);
  const bytes = environment.sizes.streamBytes;
  return {
    id: `stream-${direction}-${cipher}`,
    group: 'streams',
    title: `${sizeLabel(bytes)} ${direction === 'download' ? 'remote stdout → Node' : 'Node → remote stdin'}, ${setup.cipher}`,
    unit: 'MiB/s',
    better: 'higher',
    repetitions: environment.sizes.bulkRepetitions,
    warmup: 0,
    baseline: BASELINE,
    cpu: { per: 'GiB', amount: bytes / 1024 ** 3, sshd: listeningSshd(environment) },
    contenders: [
      projectStream(project, 'native', environment, setup, direction, bytes),
      projectStream(project, 'process', environment, setup, direction, bytes),
      projectStream(project, 'ssh2', environment, setup, direction, bytes),
      sshThroughNode(setup, direction, bytes),
      sshStraightToFile(environment, setup, direction, bytes),
      ssh2Stream(environment, setup, direction, bytes),
      // Over a link, the most any SSH stream could reach on it.
      ...(environment.link === undefined
        ? []
        : [tcpThroughLink(environment.link, direction, bytes)]),
    ],
  };
}
