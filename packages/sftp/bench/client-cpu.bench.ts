// CPU seconds per GiB of this client's own process, against OpenSSH's
// sftp-server run locally over a pipe: no ssh, no sshd, so the figure is the
// client's cost alone (on loopback the whole chain is CPU-bound, and what
// this process burns is taken from ssh and sshd). Files on tmpfs, removed
// afterwards; creating the source file is not measured.
//
//   tsx --conditions=@openssh-ts/source bench/client-cpu.bench.ts --size=256 --repetitions=5
//   (add --direction=get or --direction=put for one direction)
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Sftp } from '../src/index.js';

const SFTP_SERVER = '/usr/lib/openssh/sftp-server';
const MEBIBYTE = 1024 * 1024;

/** One direction's samples: CPU seconds per GiB (user + system, and user alone) and MiB/s. */
export interface ClientCpuFigure {
  readonly direction: 'get' | 'put';
  readonly cpuPerGibibyte: readonly number[];
  readonly userPerGibibyte: readonly number[];
  readonly mebibytesPerSecond: readonly number[];
}

/** Options of {@link runClientCpuBench}. */
export interface ClientCpuBenchOptions {
  /** File size in MiB. Default 256. */
  readonly mebibytes?: number;
  /** Transfers per direction. Default 5. */
  readonly repetitions?: number;
  /** Directions measured. Default both. */
  readonly directions?: readonly ('get' | 'put')[];
}

function writeSourceFile(path: string, mebibytes: number): void {
  const descriptor = openSync(path, 'w');
  const block = randomFillSync(Buffer.alloc(MEBIBYTE));
  for (let index = 0; index < mebibytes; index++) writeSync(descriptor, block);
  closeSync(descriptor);
}

/** Runs fastGet/fastPut against a local sftp-server and reports this process's CPU per GiB. */
export async function runClientCpuBench(
  options: ClientCpuBenchOptions = {},
): Promise<ClientCpuFigure[]> {
  const mebibytes = options.mebibytes ?? 256;
  const repetitions = options.repetitions ?? 5;
  const directions = options.directions ?? ['get', 'put'];
  const directory = mkdtempSync('/dev/shm/ossh-sftp-cpu-');
  const source = join(directory, 'source.bin');
  writeSourceFile(source, mebibytes);
  const server = spawn(SFTP_SERVER, ['-d', directory], {
    cwd: directory,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const gibibytes = mebibytes / 1024;
  const figures = directions.map((direction) => ({
    direction,
    cpuPerGibibyte: [] as number[],
    userPerGibibyte: [] as number[],
    mebibytesPerSecond: [] as number[],
  }));
  try {
    const sftp = await Sftp.fromStreams(server.stdout, server.stdin);
    for (let round = 0; round < repetitions; round++) {
      for (const figure of figures) {
        const target = join(directory, `${figure.direction}-${round}.bin`);
        const cpuBefore = process.cpuUsage();
        const started = process.hrtime.bigint();
        if (figure.direction === 'get') await sftp.fastGet(source, target);
        else await sftp.fastPut(source, target);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const cpu = process.cpuUsage(cpuBefore);
        figure.cpuPerGibibyte.push((cpu.user + cpu.system) / 1e6 / gibibytes);
        figure.userPerGibibyte.push(cpu.user / 1e6 / gibibytes);
        figure.mebibytesPerSecond.push(mebibytes / seconds);
        rmSync(target, { force: true });
      }
    }
    await sftp.close();
  } finally {
    server.kill();
    rmSync(directory, { recursive: true, force: true });
  }
  return figures;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

/** One line per direction: medians, then every sample. */
export function formatClientCpuBench(figures: readonly ClientCpuFigure[]): string {
  return figures
    .map(
      (figure) =>
        `${figure.direction}: ${median(figure.cpuPerGibibyte).toFixed(2)} CPU-s/GiB ` +
        `(user ${median(figure.userPerGibibyte).toFixed(2)}), ` +
        `${median(figure.mebibytesPerSecond).toFixed(0)} MiB/s; samples ` +
        figure.cpuPerGibibyte.map((value) => value.toFixed(2)).join(' '),
    )
    .join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argument = (name: string): string | undefined =>
    process.argv.find((entry) => entry.startsWith(`--${name}=`))?.slice(name.length + 3);
  const direction = argument('direction');
  const figures = await runClientCpuBench({
    mebibytes: Number(argument('size') ?? 256),
    repetitions: Number(argument('repetitions') ?? 5),
    ...(direction === 'get' || direction === 'put' ? { directions: [direction] } : {}),
  });
  console.log(formatClientCpuBench(figures));
}
