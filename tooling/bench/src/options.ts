/** Commands (or spawns) per repetition of the sequential cases, run back to back. */
export const SEQUENTIAL_BURST = 10;

/** How big and how often: the knobs that separate `--quick` from a full run. */
export interface Sizes {
  /** Bytes per stdout/stdin stream repetition. */
  readonly streamBytes: number;
  /** Bytes of the SFTP test file. */
  readonly sftpBytes: number;
  /** Commands per throughput repetition. */
  readonly commands: number;
  /** Repetitions of the sequential command case (each a burst of 10 commands) and of the spawn reference. */
  readonly sequentialRepetitions: number;
  /** Repetitions of the connect case. */
  readonly connectRepetitions: number;
  /** Repetitions of throughput, stream and SFTP cases. */
  readonly bulkRepetitions: number;
  /** Repetitions of in-process micro benchmarks and reference figures. */
  readonly microRepetitions: number;
  /** Milliseconds each in-process micro benchmark repetition runs for. */
  readonly microMilliseconds: number;
}

/** What the command line asked for. */
export interface BenchOptions {
  readonly mode: 'quick' | 'full';
  readonly sizes: Sizes;
  /** Only cases whose id matches. */
  readonly only?: RegExp;
  /** Directory for latest.json / latest.md. */
  readonly outputDirectory?: string;
  /** Also put the table into BENCHMARKS.md (full runs only). */
  readonly updateDocument: boolean;
  readonly help: boolean;
  /**
   * Round trips in ms to emulate with the link relay, one run each; empty:
   * loopback only. Over a link only the connect, command, stream and SFTP
   * cases run.
   */
  readonly roundTripsMs: readonly number[];
  /** Rate limit of the emulated link per direction, in Mbit/s. */
  readonly rateMbitPerSecond?: number;
}

const MiB = 1024 * 1024;

const FULL: Sizes = {
  streamBytes: 1024 * MiB,
  sftpBytes: 1024 * MiB,
  commands: 1000,
  sequentialRepetitions: 10,
  connectRepetitions: 10,
  // 3 took 12.7 minutes on the shared 2-core machine (2026-11-21); 2 keeps the
  // full run under 10. Use --repetitions=3 for a tighter spread.
  bulkRepetitions: 2,
  microRepetitions: 5,
  microMilliseconds: 500,
};

const QUICK: Sizes = {
  streamBytes: 32 * MiB,
  sftpBytes: 32 * MiB,
  commands: 100,
  sequentialRepetitions: 5,
  connectRepetitions: 3,
  bulkRepetitions: 2,
  microRepetitions: 3,
  microMilliseconds: 200,
};

/** Usage text for `--help`. */
export const USAGE = `Usage: pnpm bench [--quick] [--size=<MiB>] [--commands=<n>] [--repetitions=<n>] [--only=<regex>] [--out=<dir>]

  --quick            small sizes and few repetitions (under 2 minutes)
  --size=<MiB>       bytes per stream and SFTP transfer (default 1024, quick 32)
  --commands=<n>     commands per throughput repetition (default 1000, quick 100)
  --repetitions=<n>  repetitions of the throughput, stream and SFTP cases
  --only=<regex>     run only the cases whose id matches, e.g. --only=stream
  --out=<dir>        where latest.json and latest.md go (default tooling/bench/results)
  --update-doc       also replace the table in BENCHMARKS.md (full runs only)
  --rtt=<ms>[,<ms>…] run over the link relay instead of loopback, once per round trip
                     (one-way delay = rtt/2 each way); connect, command, stream, SFTP
  --rate=<Mbit/s>    with --rtt: also limit each direction of the link to this rate

Environment: OSSH_BENCH_SIZE_MIB and OSSH_BENCH_COMMANDS act like --size and --commands.`;

function nonNegativeNumber(text: string, what: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new Error(`${what} must be a number >= 0, got ${text}`);
  return value;
}

function positiveInteger(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`${what} must be a positive integer, got ${text}`);
  return value;
}

/** Parses the command line (arguments after `pnpm bench --`) and the environment. */
export function parseOptions(
  argv: readonly string[],
  environment: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  let quick = false;
  let help = false;
  let sizeMiB = environment.OSSH_BENCH_SIZE_MIB;
  let commands = environment.OSSH_BENCH_COMMANDS;
  let repetitions: string | undefined;
  let only: RegExp | undefined;
  let outputDirectory: string | undefined;
  let updateDocument = false;
  let roundTripsMs: number[] = [];
  let rate: number | undefined;
  for (const argument of argv) {
    const [flag, value] = argument.includes('=')
      ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)]
      : [argument, undefined];
    switch (flag) {
      case '--':
        break;
      case '--quick':
        quick = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--size':
        sizeMiB = value;
        break;
      case '--commands':
        commands = value;
        break;
      case '--repetitions':
        repetitions = value;
        break;
      case '--only':
        only = new RegExp(value ?? '');
        break;
      case '--out':
        outputDirectory = value;
        break;
      case '--update-doc':
        updateDocument = true;
        break;
      case '--rtt':
        roundTripsMs = (value ?? '').split(',').map((part) => nonNegativeNumber(part, '--rtt'));
        break;
      case '--rate':
        rate = nonNegativeNumber(value ?? '', '--rate');
        if (rate === 0) throw new Error('--rate must be above 0');
        break;
      default:
        throw new Error(`unknown argument ${argument}\n\n${USAGE}`);
    }
  }
  let sizes = quick ? QUICK : FULL;
  if (sizeMiB !== undefined) {
    const bytes = positiveInteger(sizeMiB, '--size') * MiB;
    sizes = { ...sizes, streamBytes: bytes, sftpBytes: bytes };
  }
  if (commands !== undefined)
    sizes = { ...sizes, commands: positiveInteger(commands, '--commands') };
  if (repetitions !== undefined) {
    sizes = { ...sizes, bulkRepetitions: positiveInteger(repetitions, '--repetitions') };
  }
  return {
    mode: quick ? 'quick' : 'full',
    sizes,
    help,
    updateDocument,
    roundTripsMs,
    ...(rate === undefined ? {} : { rateMbitPerSecond: rate }),
    ...(only === undefined ? {} : { only }),
    ...(outputDirectory === undefined ? {} : { outputDirectory }),
  };
}
