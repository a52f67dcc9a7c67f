// SFTP throughput, one file down and up through the harness sshd, every
// contender interleaved round by round so machine noise hits them alike:
// this client on both transports, OpenSSH's `sftp -b` (defaults and
// `-R 64 -B 261120`), and ssh2's fastGet/fastPut (defaults, and tuned: 64
// requests of 255 KiB on a TCP_NODELAY socket). The server is forced to one
// cipher, so every tool uses it. Files live on tmpfs (/dev/shm). Sessions
// and connections are set up before timing; no figure includes a handshake.
//
//   tsx --conditions=@openssh-ts/source bench/sftp.bench.ts --size=1024 --repetitions=3
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, chownSync, mkdirSync, rmSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { connect as connectTcp, type Socket } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Session, type TransportFactory } from '@openssh-ts/session-core';
import { startSshd, type TestSshd } from '@openssh-ts/test-sshd';
import { nativeTransport } from '@openssh-ts/transport-native';
import { processTransport } from '@openssh-ts/transport-process';
import { Client, type SFTPWrapper, type TransferOptions } from 'ssh2';
import { Sftp } from '../src/index.js';

const execFileAsync = promisify(execFile);
const MEBIBYTE = 1024 * 1024;

/** Options of {@link runSftpBench}. */
export interface SftpBenchOptions {
  /** File size in bytes. Default 64 MiB (the suite's light run); the figure uses 1 GiB. */
  readonly bytes?: number;
  /** Rounds; every contender runs once per round and direction. Default 3. */
  readonly repetitions?: number;
  /** Cipher the server is restricted to. Default chacha20-poly1305@openssh.com (OpenSSH's default). */
  readonly cipher?: string;
  /** Only contenders whose name matches. Default: all. */
  readonly only?: RegExp;
  /** Progress lines. Default: none. */
  readonly log?: (line: string) => void;
}

/** One contender's throughput in one direction, MiB/s. */
export interface SftpBenchFigure {
  readonly contender: string;
  readonly direction: 'download' | 'upload';
  readonly samples: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

interface Contender {
  readonly name: string;
  download(remote: string, local: string): Promise<unknown>;
  upload(local: string, remote: string): Promise<unknown>;
  close(): Promise<void>;
}

async function oursContender(
  name: string,
  sshd: TestSshd,
  transport: TransportFactory,
  directory: string,
): Promise<Contender> {
  const session = await Session.connect(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, {
    transport,
    keyFile: sshd.identityFile,
    userKnownHostsFile: sshd.knownHostsFile,
    controlDirectory: directory,
  });
  const sftp = await Sftp.connect(session);
  return {
    name,
    download: (remote, local) => sftp.fastGet(remote, local),
    upload: (local, remote) => sftp.fastPut(local, remote),
    close: async () => {
      await sftp.close();
      await session.close();
    },
  };
}

function opensshContender(
  name: string,
  sshd: TestSshd,
  controlSocket: string,
  directory: string,
  extra: string[],
): Contender {
  const run = async (command: string): Promise<void> => {
    const batch = join(directory, `batch-${name.replace(/\W+/g, '-')}`);
    await writeFile(batch, `${command}\n`);
    await execFileAsync('sftp', [
      '-q',
      '-F',
      sshd.sshConfigFile,
      '-o',
      `ControlPath=${controlSocket}`,
      ...extra,
      '-b',
      batch,
      sshd.hostAlias,
    ]);
  };
  return {
    name,
    download: (remote, local) => run(`get "${remote}" "${local}"`),
    upload: (local, remote) => run(`put "${local}" "${remote}"`),
    close: () => Promise.resolve(),
  };
}

async function ssh2Contender(
  name: string,
  sshd: TestSshd,
  cipher: string,
  tuned: boolean,
): Promise<Contender> {
  const socket = tuned
    ? await new Promise<Socket>((resolve, reject) => {
        const opened = connectTcp({ host: sshd.host, port: sshd.port });
        opened.setNoDelay(true);
        opened.once('connect', () => resolve(opened)).once('error', reject);
      })
    : undefined;
  const client = new Client();
  const { readFileSync } = await import('node:fs');
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve).once('error', reject);
    client.connect({
      host: sshd.host,
      port: sshd.port,
      username: sshd.user,
      privateKey: readFileSync(sshd.identityFile),
      algorithms: { cipher: [cipher as 'chacha20-poly1305@openssh.com'] },
      ...(socket === undefined ? {} : { sock: socket }),
    });
  });
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) =>
    client.sftp((error, wrapper) => (error ? reject(error) : resolve(wrapper))),
  );
  const transferOptions: TransferOptions = tuned ? { concurrency: 64, chunkSize: 255 * 1024 } : {};
  const call = (method: 'fastGet' | 'fastPut', from: string, to: string) =>
    new Promise<void>((resolve, reject) =>
      sftp[method](from, to, transferOptions, (error) => (error ? reject(error) : resolve())),
    );
  return {
    name,
    download: (remote, local) => call('fastGet', remote, local),
    upload: (local, remote) => call('fastPut', local, remote),
    close: () => {
      client.end();
      return Promise.resolve();
    },
  };
}

async function writeSource(path: string, bytes: number): Promise<string> {
  const file = await open(path, 'w');
  const hash = createHash('sha256');
  const block = Buffer.alloc(MEBIBYTE);
  for (let offset = 0; offset < bytes; offset += block.byteLength) {
    for (let index = 0; index < block.byteLength; index += 4)
      block.writeUInt32LE(((offset + index) * 2654435761) >>> 0, index);
    const part = block.subarray(0, Math.min(block.byteLength, bytes - offset));
    hash.update(part);
    await file.write(part);
  }
  await file.close();
  return hash.digest('hex');
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function summarize(
  contender: string,
  direction: 'download' | 'upload',
  samples: number[],
): SftpBenchFigure {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { contender, direction, samples, median, min: sorted[0]!, max: sorted.at(-1)! };
}

/** Runs the comparison; resolves with one figure per contender and direction. */
export async function runSftpBench(options: SftpBenchOptions = {}): Promise<SftpBenchFigure[]> {
  const bytes = options.bytes ?? 64 * MEBIBYTE;
  const repetitions = options.repetitions ?? 3;
  const cipher = options.cipher ?? 'chacha20-poly1305@openssh.com';
  const log = options.log ?? (() => undefined);
  const directory = join('/dev/shm', `ossh-sftp-bench-${process.pid}`);
  mkdirSync(directory, { recursive: true });
  const contenders: Contender[] = [];
  try {
    await using sshd = await startSshd({ extraConfig: [`Ciphers ${cipher}`] });
    const owner = (await execFileAsync('id', ['-u', sshd.user])).stdout.trim();
    const group = (await execFileAsync('id', ['-g', sshd.user])).stdout.trim();
    if (process.getuid?.() === 0) chownSync(directory, Number(owner), Number(group));
    const source = join(directory, 'source');
    log(`writing ${bytes / MEBIBYTE} MiB source on tmpfs`);
    const expected = await writeSource(source, bytes);
    const controls = join(directory, 'control');
    mkdirSync(controls);
    const processOurs = await oursContender(
      'openssh-ts (process)',
      sshd,
      processTransport(),
      controls,
    );
    contenders.push(processOurs);
    contenders.push(await oursContender('openssh-ts (native)', sshd, nativeTransport(), controls));
    const masterSocket = await Session.connect(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, {
      transport: processTransport(),
      keyFile: sshd.identityFile,
      userKnownHostsFile: sshd.knownHostsFile,
      controlDirectory: controls,
    }).then((session) => {
      contenders.push({
        name: 'master',
        download: () => Promise.resolve(),
        upload: () => Promise.resolve(),
        close: () => session.close(),
      });
      if (session.controlSocket === undefined)
        throw new Error('the process transport rides a master');
      return session.controlSocket;
    });
    contenders.push(opensshContender('OpenSSH sftp -b', sshd, masterSocket, directory, []));
    contenders.push(
      opensshContender('OpenSSH sftp -b -R 64 -B 261120', sshd, masterSocket, directory, [
        '-R',
        '64',
        '-B',
        '261120',
      ]),
    );
    contenders.push(await ssh2Contender('ssh2 (defaults)', sshd, cipher, false));
    contenders.push(await ssh2Contender('ssh2 (64×255 KiB, TCP_NODELAY)', sshd, cipher, true));
    const timed = contenders.filter(
      (contender) => contender.name !== 'master' && (options.only?.test(contender.name) ?? true),
    );
    const samples = new Map<string, number[]>();
    for (let round = 0; round < repetitions; round++) {
      // Rotate the order so no contender always runs first or last.
      const order = timed.map((_, index) => timed[(index + round) % timed.length]!);
      for (const contender of order) {
        for (const direction of ['download', 'upload'] as const) {
          const target = join(directory, `${direction}-target`);
          rmSync(target, { force: true });
          const started = performance.now();
          if (direction === 'download') await contender.download(source, target);
          else await contender.upload(source, target);
          const seconds = (performance.now() - started) / 1000;
          if (round === 0 && (await sha256File(target)) !== expected) {
            throw new Error(`${contender.name} ${direction}: checksum mismatch`);
          }
          rmSync(target, { force: true });
          const rate = bytes / MEBIBYTE / seconds;
          const key = `${contender.name}\u0000${direction}`;
          samples.set(key, [...(samples.get(key) ?? []), rate]);
          log(`round ${round + 1} ${contender.name} ${direction}: ${rate.toFixed(0)} MiB/s`);
        }
      }
    }
    return [...samples].map(([key, values]) => {
      const [contender, direction] = key.split('\u0000') as [string, 'download' | 'upload'];
      return summarize(contender, direction, values);
    });
  } finally {
    for (const contender of contenders.reverse()) await contender.close().catch(() => undefined);
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Formats figures as a Markdown table: median (min–max) MiB/s per direction. */
export function formatSftpBench(figures: readonly SftpBenchFigure[]): string {
  const names = [...new Set(figures.map((figure) => figure.contender))];
  const cell = (name: string, direction: string): string => {
    const figure = figures.find(
      (entry) => entry.contender === name && entry.direction === direction,
    );
    return figure
      ? `${figure.median.toFixed(0)} (${figure.min.toFixed(0)}–${figure.max.toFixed(0)})`
      : '–';
  };
  return [
    '| contender | download MiB/s | upload MiB/s |',
    '|---|---:|---:|',
    ...names.map((name) => `| ${name} | ${cell(name, 'download')} | ${cell(name, 'upload')} |`),
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argument = (name: string): string | undefined =>
    process.argv.find((entry) => entry.startsWith(`--${name}=`))?.slice(name.length + 3);
  const figures = await runSftpBench({
    bytes: Number(argument('size') ?? 64) * MEBIBYTE,
    repetitions: Number(argument('repetitions') ?? 3),
    ...(argument('cipher') === undefined ? {} : { cipher: argument('cipher')! }),
    ...(argument('only') === undefined ? {} : { only: new RegExp(argument('only')!) }),
    log: (line) => console.error(line),
  });
  console.log(formatSftpBench(figures));
}
