// Progress of a transfer: a cli-progress bar on a terminal (bytes, rate,
// ETA), and a handful of plain lines (every 10%) when output is a pipe or a
// file, so logs stay readable and bounded.
import cliProgress from 'cli-progress';
import { formatBytes, formatDuration, formatRate } from './format-units.js';

/** Receives transfer progress. */
export interface ProgressReporter {
  /** Total bytes transferred so far (not a delta). */
  update(transferred: number): void;
  /** The transfer completed. */
  finish(): void;
  /** The transfer stopped early; leaves the terminal line clean. */
  abort(): void;
}

/** How to report one transfer. */
export interface ProgressOptions {
  /** What is transferred, e.g. `build.tar → web-1:/tmp/build.tar`. */
  readonly label: string;
  /** Total bytes, 0 when unknown. */
  readonly total: number;
  /** Where progress goes (stderr by default in the CLI). */
  readonly stream: NodeJS.WritableStream;
  /** Draw a live bar (a terminal) instead of plain lines. */
  readonly interactive: boolean;
  /** Clock, for tests. */
  readonly now?: () => number;
}

const PLAIN_STEP_PERCENT = 10;

/** Creates the reporter fitting `options.interactive`. */
export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  return options.interactive ? barReporter(options) : plainReporter(options);
}

function barReporter(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const bar = new cliProgress.SingleBar(
    {
      stream: options.stream,
      format: `${options.label} [{bar}] {percentage}% | {done} / {size} | {rate} | ETA {eta_formatted}`,
      barsize: 24,
      hideCursor: true,
      // Rate and ETA are our own, from wall time; cli-progress's ETA is kept
      // for the formatted token only.
      etaBuffer: 50,
      fps: 10,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = (transferred: number): Record<string, string> => ({
    done: formatBytes(transferred),
    size: formatBytes(options.total),
    rate: formatRate(transferred, now() - startedAt),
  });
  bar.start(Math.max(options.total, 1), 0, payload(0));
  let last = 0;
  return {
    update(transferred) {
      last = transferred;
      bar.update(Math.min(transferred, Math.max(options.total, 1)), payload(transferred));
    },
    finish() {
      bar.update(Math.max(options.total, 1), payload(Math.max(last, options.total)));
      bar.stop();
    },
    abort() {
      bar.stop();
    },
  };
}

function plainReporter(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const startedAt = now();
  let nextStep = PLAIN_STEP_PERCENT;
  let last = 0;
  let ended = false;
  const write = (line: string): void => {
    options.stream.write(`${line}\n`);
  };
  return {
    update(transferred) {
      last = transferred;
      if (options.total <= 0) return;
      const percent = Math.floor((transferred * 100) / options.total);
      if (percent < nextStep || percent >= 100) return;
      nextStep = (Math.floor(percent / PLAIN_STEP_PERCENT) + 1) * PLAIN_STEP_PERCENT;
      const elapsed = now() - startedAt;
      write(
        `${options.label}: ${percent}% ${formatBytes(transferred)} / ${formatBytes(options.total)} ${formatRate(transferred, elapsed)}`,
      );
    },
    finish() {
      if (ended) return;
      ended = true;
      const elapsed = now() - startedAt;
      const size = Math.max(last, options.total);
      write(
        `${options.label}: done, ${formatBytes(size)} in ${formatDuration(elapsed)} (${formatRate(size, elapsed)})`,
      );
    },
    abort() {
      if (ended) return;
      ended = true;
      write(`${options.label}: stopped after ${formatBytes(last)}`);
    },
  };
}
