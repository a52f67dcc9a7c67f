/**
 * Quotes per second for short and 4 KiB arguments: this package against
 * `shell-quote` (its `quote`) and `shescape` v2 (`Shescape` for bash, flag
 * protection off so every library produces an equivalent word), interleaved
 * in one run so machine noise hits all of them alike. Run it with
 *
 *   pnpm --filter @openssh-ts/escape exec tsx --conditions=@openssh-ts/source bench/quote.bench.ts
 *
 * The repository's benchmark suite can call {@link runQuoteBench} instead.
 */
import { pathToFileURL } from 'node:url';
import { quote as shellQuote } from 'shell-quote';
import { Shescape } from 'shescape';
import { quote } from '@openssh-ts/escape';

/** Argument size class. */
export type QuoteBenchSize = 'short' | '4KiB';

/** Library under measurement. */
export type QuoteBenchLibrary = '@openssh-ts/escape' | 'shell-quote' | 'shescape';

/** Figures for one library and size. */
export interface QuoteBenchResult {
  readonly size: QuoteBenchSize;
  readonly library: QuoteBenchLibrary;
  /** Median over the rounds. */
  readonly quotesPerSecond: number;
  /** One figure per round, in run order. */
  readonly samples: readonly number[];
  /** This package's median divided by this library's (1 for this package). */
  readonly ratio: number;
}

/** Options of {@link runQuoteBench}. */
export interface QuoteBenchOptions {
  /** Interleaved rounds; default 5. */
  readonly rounds?: number;
  /** Milliseconds each library gets per size and round; default 400. */
  readonly sliceMilliseconds?: number;
}

const SHORT_ARGUMENTS = [
  '-la',
  'dir with spaces',
  "it's here",
  '/var/log/app.log',
  '$HOME/*.txt',
  'naïve café',
  'a;b|c&&d',
  '--name=value',
];

function longArgument(seed: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 \'"$`\\!*?;&|()<>{}[]~#=%é€';
  let text = '';
  for (let index = 0; text.length < 4096; index += 1)
    text += alphabet[(index * 31 + seed * 7) % alphabet.length];
  return text.slice(0, 4096);
}

const LONG_ARGUMENTS = [0, 1, 2, 3].map(longArgument);

function contenders(): Record<QuoteBenchLibrary, (arg: string) => string> {
  const shescape = new Shescape({ shell: 'bash', flagProtection: false });
  return {
    '@openssh-ts/escape': (arg) => quote(arg),
    'shell-quote': (arg) => shellQuote([arg]),
    shescape: (arg) => shescape.quote(arg),
  };
}

let sink = 0;

function measure(
  run: (arg: string) => string,
  args: readonly string[],
  sliceMilliseconds: number,
): number {
  const checkEvery = args === LONG_ARGUMENTS ? 16 : 512;
  const start = performance.now();
  let operations = 0;
  let elapsed = 0;
  while (elapsed < sliceMilliseconds) {
    for (let index = 0; index < checkEvery; index += 1)
      sink += run(args[(operations + index) % args.length]!).length;
    operations += checkEvery;
    elapsed = performance.now() - start;
  }
  return (operations / elapsed) * 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs the benchmark and returns one result per library and size. */
export function runQuoteBench(options: QuoteBenchOptions = {}): QuoteBenchResult[] {
  const rounds = options.rounds ?? 5;
  const sliceMilliseconds = options.sliceMilliseconds ?? 400;
  const runs = contenders();
  const libraries = Object.keys(runs) as QuoteBenchLibrary[];
  const sizes: [QuoteBenchSize, readonly string[]][] = [
    ['short', SHORT_ARGUMENTS],
    ['4KiB', LONG_ARGUMENTS],
  ];
  const samples = new Map<string, number[]>();
  // Warm-up, so the first round does not pay for compilation.
  for (const [, args] of sizes) for (const library of libraries) measure(runs[library], args, 100);
  for (let round = 0; round < rounds; round += 1) {
    // Rotate the order each round so no library always runs first.
    const order = libraries.map((_, index) => libraries[(index + round) % libraries.length]!);
    for (const [size, args] of sizes) {
      for (const library of order) {
        const key = `${size} ${library}`;
        samples.set(key, [
          ...(samples.get(key) ?? []),
          measure(runs[library], args, sliceMilliseconds),
        ]);
      }
    }
  }
  const results: QuoteBenchResult[] = [];
  for (const [size] of sizes) {
    const ours = median(samples.get(`${size} @openssh-ts/escape`)!);
    for (const library of libraries) {
      const values = samples.get(`${size} ${library}`)!;
      results.push({
        size,
        library,
        quotesPerSecond: median(values),
        samples: values,
        ratio: ours / median(values),
      });
    }
  }
  return results;
}

function printTable(results: readonly QuoteBenchResult[]): void {
  const rows = results.map((result) => ({
    size: result.size,
    library: result.library,
    'quotes/s (median)': Math.round(result.quotesPerSecond).toLocaleString('en-US'),
    'min–max': `${Math.round(Math.min(...result.samples)).toLocaleString('en-US')}–${Math.round(
      Math.max(...result.samples),
    ).toLocaleString('en-US')}`,
    'escape ÷ this': result.ratio.toFixed(2),
  }));
  console.table(rows);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(runQuoteBench());
  if (sink === 0) console.log('(nothing measured)');
}
