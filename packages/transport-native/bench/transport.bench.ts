// Benchmark (not a test): the native transport next to the process
// transport, plain `ssh -S <ctl>` spawned from Node, and the `ssh2` package
// (one connection, TCP_NODELAY) — same sshd, same cipher
// (chacha20-poly1305), rounds interleaved so machine noise hits all alike.
//
//   pnpm exec tsx --conditions=@openssh-ts/source bench/transport.bench.ts [--quick]
//
// `measureNativeTransport()` returns the figures for the repository's bench suite.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import type { Transport } from '@openssh-ts/session-core';
import { startSshd, type SshdInfo } from '@openssh-ts/test-sshd';
import { processTransport } from '@openssh-ts/transport-process';
import { Client, type ClientChannel } from 'ssh2';
import { startMaster } from '../src/master-fixture.js';
import { nativeTransport } from '../src/native-transport.js';

/** Median, minimum and maximum of a sample. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** One row: a measurement per contender (absent where not measured). */
export type Row = Readonly<Record<Contender, Spread | undefined>>;

/** Who is measured. */
export type Contender = 'native' | 'process' | 'ssh -S ctl' | 'ssh2 (noDelay)';

/** What one run measured. */
export interface NativeBenchFigures {
  /** Milliseconds per sequential `true`. */
  readonly sequentialMs: Row;
  /** Commands per second, `true`, 10 and 50 in flight. */
  readonly concurrency10PerSecond: Row;
  readonly concurrency50PerSecond: Row;
  /** MiB/s of `head -c` through stdout, and of stdin into `wc -c`. */
  readonly downloadMiBps: Row;
  readonly uploadMiBps: Row;
  /** Milliseconds from SIGKILL of the master to a running command's `disconnected` (native only). */
  readonly disconnectDelayMs: Spread;
}

/** How much to measure. */
export interface NativeBenchOptions {
  readonly rounds?: number;
  readonly sequentialCommands?: number;
  readonly concurrentCommands?: number;
  /** Bytes per stream measurement; default 1 GiB. */
  readonly streamBytes?: number;
}

/** A way to run commands that the benches drive. */
export interface Runner {
  readonly name: Contender;
  run(command: string): Promise<void>;
  download(bytes: number): Promise<void>;
  upload(bytes: number): Promise<void>;
}

const BLOCK = Buffer.alloc(256 * 1024);

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

/** Writes `bytes` zeros into `stdin` with backpressure, then ends it. */
async function feed(stdin: NodeJS.WritableStream, bytes: number): Promise<void> {
  for (let sent = 0; sent < bytes; sent += BLOCK.byteLength) {
    if (!stdin.write(BLOCK)) await new Promise((resolve) => stdin.once('drain', resolve));
  }
  stdin.end();
}

export function transportRunner(name: Contender, transport: Transport): Runner {
  const exec = (line: string) => ({ kind: 'exec' as const, commandLine: Buffer.from(line) });
  return {
    name,
    async run(command) {
      const child = await transport.spawn({
        target: exec(command),
        stdin: 'null',
        stdout: 'null',
        stderr: 'null',
      });
      await child.wait();
    },
    async download(bytes) {
      const child = await transport.spawn({
        target: exec(`head -c ${bytes} /dev/zero`),
        stdin: 'null',
        stdout: 'pipe',
        stderr: 'null',
      });
      let received = 0;
      for await (const chunk of child.stdout! as AsyncIterable<Buffer>)
        received += chunk.byteLength;
      await child.wait();
      if (received !== bytes) throw new Error(`${name}: ${received} of ${bytes} bytes`);
    },
    async upload(bytes) {
      const child = await transport.spawn({
        target: exec('wc -c'),
        stdin: 'pipe',
        stdout: 'pipe',
        stderr: 'null',
      });
      const counted = (async () => {
        let text = '';
        for await (const chunk of child.stdout! as AsyncIterable<Buffer>) text += chunk.toString();
        return Number(text.trim());
      })();
      await feed(child.stdin!, bytes);
      if ((await counted) !== bytes) throw new Error(`${name}: upload miscounted`);
      await child.wait();
    },
  };
}

export function sshRunner(controlSocket: string): Runner {
  const ssh = (command: string, stdio: ('ignore' | 'pipe')[]) =>
    spawn('ssh', ['-S', controlSocket, '-T', '-o', 'BatchMode=yes', 'none', command], { stdio });
  const closed = (child: ReturnType<typeof ssh>) =>
    new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`ssh exited ${String(code)}`)),
      );
    });
  return {
    name: 'ssh -S ctl',
    run: (command) => closed(ssh(command, ['ignore', 'ignore', 'ignore'])),
    async download(bytes) {
      const child = ssh(`head -c ${bytes} /dev/zero`, ['ignore', 'pipe', 'ignore']);
      const done = closed(child);
      let received = 0;
      for await (const chunk of child.stdout! as AsyncIterable<Buffer>)
        received += chunk.byteLength;
      await done;
      if (received !== bytes) throw new Error('ssh: short download');
    },
    async upload(bytes) {
      const child = ssh('wc -c > /dev/null', ['pipe', 'ignore', 'ignore']);
      const done = closed(child);
      await feed(child.stdin!, bytes);
      await done;
    },
  };
}

async function ssh2Runner(sshd: SshdInfo): Promise<{ runner: Runner; end(): void }> {
  const socket = await new Promise<ReturnType<typeof connectTcp>>((resolve, reject) => {
    const tcp = connectTcp({ host: sshd.host, port: sshd.port });
    tcp.setNoDelay(true);
    tcp.once('connect', () => resolve(tcp));
    tcp.once('error', reject);
  });
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
    client.connect({
      sock: socket,
      username: sshd.user,
      privateKey: readFileSync(sshd.identityFile),
      algorithms: { cipher: ['chacha20-poly1305@openssh.com'] },
    });
  });
  const exec = (command: string) =>
    new Promise<ClientChannel>((resolve, reject) =>
      client.exec(command, (error, channel) => (error ? reject(error) : resolve(channel))),
    );
  const closed = (channel: ClientChannel) =>
    new Promise<void>((resolve) => channel.once('close', () => resolve()));
  return {
    end: () => client.end(),
    runner: {
      name: 'ssh2 (noDelay)',
      async run(command) {
        const channel = await exec(command);
        channel.resume();
        channel.stderr.resume();
        await closed(channel);
      },
      async download(bytes) {
        const channel = await exec(`head -c ${bytes} /dev/zero`);
        const done = closed(channel);
        let received = 0;
        for await (const chunk of channel as AsyncIterable<Buffer>) received += chunk.byteLength;
        await done;
        if (received !== bytes) throw new Error('ssh2: short download');
      },
      async upload(bytes) {
        const channel = await exec('wc -c > /dev/null');
        channel.resume();
        const done = closed(channel);
        await feed(channel, bytes);
        await done;
      },
    },
  };
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function concurrently(runner: Runner, commands: number, limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < commands) {
      next += 1;
      await runner.run('true');
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** Runs every case for every contender; see the file header. */
export async function measureNativeTransport(
  options: NativeBenchOptions = {},
): Promise<NativeBenchFigures> {
  const rounds = options.rounds ?? 3;
  const sequentialCommands = options.sequentialCommands ?? 50;
  const concurrentCommands = options.concurrentCommands ?? 1000;
  const streamBytes = options.streamBytes ?? 1024 * 1024 * 1024;
  const sshd = await startSshd({
    maxSessions: 100,
    extraConfig: ['Ciphers chacha20-poly1305@openssh.com'],
  });
  const master = await startMaster(sshd, ['-o', 'Ciphers=chacha20-poly1305@openssh.com']);
  const context = { controlSocket: master.controlSocket, sshPath: 'ssh' };
  const native = await nativeTransport().attach(context);
  const processT = await processTransport().attach(context);
  const ssh2 = await ssh2Runner(sshd);
  const runners = [
    transportRunner('native', native),
    transportRunner('process', processT),
    sshRunner(master.controlSocket),
    ssh2.runner,
  ];
  const samples = new Map<string, number[]>();
  const add = (key: string, value: number): void =>
    void samples.set(key, [...(samples.get(key) ?? []), value]);
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const runner of runners) {
        const ms = await timed(async () => {
          for (let index = 0; index < sequentialCommands; index += 1) await runner.run('true');
        });
        add(`sequential/${runner.name}`, ms / sequentialCommands);
        for (const limit of [10, 50]) {
          const elapsed = await timed(() => concurrently(runner, concurrentCommands, limit));
          add(`c${limit}/${runner.name}`, concurrentCommands / (elapsed / 1000));
        }
      }
    }
    // Streams once: each moves a gigabyte, and the process transport's streams are ssh's own.
    for (const runner of runners.filter((entry) => entry.name !== 'process')) {
      add(
        `download/${runner.name}`,
        streamBytes / 1048576 / ((await timed(() => runner.download(streamBytes))) / 1000),
      );
      add(
        `upload/${runner.name}`,
        streamBytes / 1048576 / ((await timed(() => runner.upload(streamBytes))) / 1000),
      );
    }
  } finally {
    ssh2.end();
    await native.detach();
    await processT.detach();
    await master.stop();
  }
  const delays: number[] = [];
  for (let round = 0; round < rounds; round += 1) delays.push(await disconnectDelay(sshd));
  await sshd.stop();
  const row = (prefix: string): Row => {
    const entry = (name: Contender): Spread | undefined => {
      const values = samples.get(`${prefix}/${name}`);
      return values ? spread(values) : undefined;
    };
    return {
      native: entry('native'),
      process: entry('process'),
      'ssh -S ctl': entry('ssh -S ctl'),
      'ssh2 (noDelay)': entry('ssh2 (noDelay)'),
    };
  };
  return {
    sequentialMs: row('sequential'),
    concurrency10PerSecond: row('c10'),
    concurrency50PerSecond: row('c50'),
    downloadMiBps: row('download'),
    uploadMiBps: row('upload'),
    disconnectDelayMs: spread(delays),
  };
}

/** Kills a fresh master under a running command; resolves with how long `wait()` took to reject. */
async function disconnectDelay(sshd: SshdInfo): Promise<number> {
  const master = await startMaster(sshd);
  try {
    const transport = await nativeTransport().attach({
      controlSocket: master.controlSocket,
      sshPath: 'ssh',
    });
    const child = await transport.spawn({
      target: { kind: 'exec', commandLine: Buffer.from('exec sleep 30') },
      stdin: 'null',
      stdout: 'null',
      stderr: 'null',
    });
    const started = performance.now();
    process.kill(master.pid, 'SIGKILL');
    await child.wait().catch(() => undefined);
    return performance.now() - started;
  } finally {
    await master.stop();
  }
}

function formatTable(figures: NativeBenchFigures): string {
  const contenders: Contender[] = ['native', 'process', 'ssh -S ctl', 'ssh2 (noDelay)'];
  const show = (value: Spread | undefined, digits: number): string =>
    value
      ? `${value.median.toFixed(digits)} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})`
      : '—';
  const lines = [
    `| case | ${contenders.join(' | ')} |`,
    `|---|${contenders.map(() => '---:').join('|')}|`,
  ];
  const rows: [string, Row, number][] = [
    ['sequential `true`, ms', figures.sequentialMs, 2],
    ['1,000 × `true`, concurrency 10, cmd/s', figures.concurrency10PerSecond, 0],
    ['1,000 × `true`, concurrency 50, cmd/s', figures.concurrency50PerSecond, 0],
    ['stdout download, MiB/s', figures.downloadMiBps, 0],
    ['stdin upload, MiB/s', figures.uploadMiBps, 0],
  ];
  lines.push(
    `| master killed → \`disconnected\`, ms | ${show(figures.disconnectDelayMs, 2)} | — | — | — |`,
  );
  for (const [label, row, digits] of rows)
    lines.push(`| ${label} | ${contenders.map((name) => show(row[name], digits)).join(' | ')} |`);
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('transport.bench.ts')) {
  const quick = process.argv.includes('--quick');
  const figures = await measureNativeTransport(
    quick
      ? {
          rounds: 1,
          sequentialCommands: 20,
          concurrentCommands: 200,
          streamBytes: 64 * 1024 * 1024,
        }
      : {},
  );
  console.log(formatTable(figures));
}
