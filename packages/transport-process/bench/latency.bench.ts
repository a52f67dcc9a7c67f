// Benchmark (not a test): what one command costs on the process transport,
// next to plain `ssh -S <ctl>` started from a shell loop, interleaved round
// by round so machine noise hits both alike. Run:
//
//   pnpm exec tsx --conditions=@openssh-ts/source bench/latency.bench.ts
//
// `measureProcessLatency()` returns the figures for the repository's bench suite.
import { spawn } from 'node:child_process';
import { Session } from '@openssh-ts/session-core';
import { startSshd, type SshdInfo } from '@openssh-ts/test-sshd';
import { processTransport } from '../src/index.js';

/** Median, minimum and maximum of a sample. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** What one run measured. */
export interface LatencyFigures {
  /** Sequential `true`, milliseconds per command. */
  readonly sequential: { readonly library: Spread; readonly sshLoop: Spread };
  /** Commands per second with `concurrency` in flight. */
  readonly throughput: {
    readonly library: Spread;
    readonly sshLoop: Spread;
    readonly concurrency: number;
    readonly commands: number;
  };
}

/** How much to measure. Defaults keep one run under a minute on two cores. */
export interface LatencyOptions {
  readonly sshd?: SshdInfo;
  readonly rounds?: number;
  readonly sequentialCommands?: number;
  readonly throughputCommands?: number;
  readonly concurrency?: number;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

const PLAIN_SSH = 'ssh -S "$CTL" -T -o BatchMode=yes -p 9 none true';

/** Runs a shell script with CTL set; resolves with its wall time in ms. */
function timedShell(script: string, controlSocket: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], {
      stdio: 'ignore',
      env: { ...process.env, CTL: controlSocket },
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`shell loop failed with ${String(code)}`));
    });
  });
}

/** Measures sequential latency and throughput of the process transport against plain ssh. */
export async function measureProcessLatency(options: LatencyOptions = {}): Promise<LatencyFigures> {
  const rounds = options.rounds ?? 2;
  const sequentialCommands = options.sequentialCommands ?? 100;
  const throughputCommands = options.throughputCommands ?? 1000;
  const concurrency = options.concurrency ?? 10;
  // MaxSessions above the concurrency, so plain ssh (which cannot queue) is not refused.
  const owned =
    options.sshd === undefined ? await startSshd({ maxSessions: concurrency * 2 }) : undefined;
  const sshd: SshdInfo = options.sshd ?? owned!;
  try {
    await using session = await Session.connect(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, {
      transport: processTransport(),
      keyFile: sshd.identityFile,
      userKnownHostsFile: sshd.knownHostsFile,
    });
    const controlSocket = session.controlSocket;
    if (controlSocket === undefined) throw new Error('the process transport rides a master');
    const library: number[] = [];
    const sshLoop: number[] = [];
    const libraryRate: number[] = [];
    const sshRate: number[] = [];
    await session.command('true').status();
    for (let round = 0; round < rounds; round += 1) {
      for (let index = 0; index < sequentialCommands; index += 1) {
        const started = performance.now();
        await session.command('true').status();
        library.push(performance.now() - started);
      }
      const loop = `i=0; while [ $i -lt ${sequentialCommands} ]; do ${PLAIN_SSH} || exit 1; i=$((i+1)); done`;
      sshLoop.push((await timedShell(loop, controlSocket)) / sequentialCommands);

      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < throughputCommands) {
            next += 1;
            await session.command('true').status();
          }
        }),
      );
      libraryRate.push(throughputCommands / ((performance.now() - started) / 1000));
      const parallel = `seq ${throughputCommands} | xargs -P ${concurrency} -I{} ${PLAIN_SSH}`;
      sshRate.push(throughputCommands / ((await timedShell(parallel, controlSocket)) / 1000));
    }
    return {
      sequential: { library: spread(library), sshLoop: spread(sshLoop) },
      throughput: {
        library: spread(libraryRate),
        sshLoop: spread(sshRate),
        concurrency,
        commands: throughputCommands,
      },
    };
  } finally {
    await owned?.stop();
  }
}

function row(name: string, unit: string, value: Spread, digits: number): string {
  const format = (number: number): string => number.toFixed(digits);
  return `| ${name} | ${unit} | ${format(value.median)} (${format(value.min)}–${format(value.max)}) |`;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const figures = await measureProcessLatency();
  const { throughput } = figures;
  process.stdout.write(
    [
      '| measurement | unit | median (min–max) |',
      '|---|---:|---:|',
      row('sequential `true`, process transport', 'ms', figures.sequential.library, 2),
      row(
        'sequential `true`, ssh -S ctl from a shell loop (per-round mean)',
        'ms',
        figures.sequential.sshLoop,
        2,
      ),
      row(
        `${throughput.commands} × \`true\` at concurrency ${throughput.concurrency}, process transport`,
        'cmd/s',
        throughput.library,
        0,
      ),
      row(
        `same, ssh -S ctl via xargs -P ${throughput.concurrency}`,
        'cmd/s',
        throughput.sshLoop,
        0,
      ),
      '',
    ].join('\n'),
  );
}
