// The table's CPU column: raw CPU seconds per repetition (as the JSON holds
// them) turned into medians per GiB moved or per command run.
import type { CpuSeconds } from './cpu-meter.js';
import { summarize } from './stats.js';

/** What a case's CPU figures are divided by. */
export interface CpuBasis {
  /** `GiB`: seconds per GiB moved; `command`: milliseconds per command. */
  readonly per: 'GiB' | 'command';
  /** How many GiB (may be a fraction) or commands one repetition does. */
  readonly amount: number;
}

/** Raw CPU seconds of every repetition of one contender, in the order they ran. */
export interface CpuSamples {
  readonly client: readonly (number | null)[];
  readonly master: readonly (number | null)[];
  readonly sshd: readonly (number | null)[];
}

/** {@link CpuSamples} being filled in, one repetition at a time. */
export type CpuRecord = { -readonly [Process in keyof CpuSamples]: (number | null)[] };

/** An empty record to push repetitions into. */
export function emptyCpuRecord(): CpuRecord {
  return { client: [], master: [], sshd: [] };
}

/** Appends one repetition. */
export function addCpuSample(samples: CpuRecord, seconds: CpuSeconds): void {
  samples.client.push(seconds.client);
  samples.master.push(seconds.master);
  samples.sshd.push(seconds.sshd);
}

/** The unit the column shows, e.g. `s/GiB`. */
export function cpuUnit(basis: CpuBasis): string {
  return basis.per === 'GiB' ? 's/GiB' : 'ms/cmd';
}

/**
 * Median CPU per unit of one process over the repetitions; null unless every
 * repetition was measured, so a partly measured figure is never passed off
 * as a whole one.
 */
export function medianPerUnit(seconds: readonly (number | null)[], basis: CpuBasis): number | null {
  if (seconds.length === 0 || !(basis.amount > 0)) return null;
  const scale = basis.per === 'GiB' ? 1 : 1000;
  const perUnit: number[] = [];
  for (const value of seconds) {
    if (value === null || !Number.isFinite(value)) return null;
    perUnit.push((value * scale) / basis.amount);
  }
  return summarize(perUnit)?.median ?? null;
}

/**
 * The cell `client/master/sshd unit`, e.g. `0.64/1.48/1.62 s/GiB`; `–` for
 * a process that does not exist (ssh2 has no master) or could not be
 * measured, and an empty cell when nothing was.
 */
export function cpuCell(
  samples: CpuSamples | undefined,
  basis: CpuBasis | undefined,
  format: (value: number) => string,
): string {
  if (samples === undefined || basis === undefined) return '';
  const parts = [samples.client, samples.master, samples.sshd].map((seconds) =>
    medianPerUnit(seconds, basis),
  );
  if (parts.every((part) => part === null)) return '';
  return `${parts.map((part) => (part === null ? '–' : format(part))).join('/')} ${cpuUnit(basis)}`;
}
