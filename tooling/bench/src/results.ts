import type { Better, ContenderRole, Unit } from './bench-case.js';
import type { CpuBasis, CpuSamples } from './cpu-figures.js';
import type { MachineInfo } from './machine.js';

/** What became of one contender in a run. */
export type RowStatus = 'ok' | 'not-available' | 'failed';

/** One contender's figures in one case. */
export interface RowResult {
  readonly name: string;
  readonly role: ContenderRole;
  readonly status: RowStatus;
  /** Why it is not available or how it failed. */
  readonly reason?: string;
  /** Problems outside the measured work (teardown, closing), each listed once. */
  readonly warnings: readonly string[];
  /** Every measured repetition, in the order they ran. */
  readonly values: readonly number[];
  /** Peak RSS per repetition in bytes, when measured in a child process. */
  readonly peakRssBytes: readonly number[];
  /** RSS per repetition after setup, before the measured work, when measured in a child process. */
  readonly settledRssBytes: readonly number[];
  /** CPU seconds per repetition of client, master and sshd, in cases that account for CPU. */
  readonly cpuSeconds?: CpuSamples;
}

/** One case's figures. */
export interface CaseResult {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  readonly unit: Unit;
  readonly better: Better;
  readonly baseline: string;
  /** What the rows' `cpuSeconds` are divided by in the table. */
  readonly cpu?: CpuBasis;
  readonly rows: readonly RowResult[];
}

/** The emulated link a run crossed (`--rtt`), and what the relay itself cost. */
export interface LinkResult {
  readonly roundTripMs: number;
  /** Per direction; absent when the link had no rate limit. */
  readonly rateMbitPerSecond?: number;
  /** Bytes the relay carried over the whole run, both directions. */
  readonly relayedBytes: number;
  /** The relay process's CPU seconds over the whole run. */
  readonly relayCpuSeconds: number;
}

/**
 * Everything one run measured: what `results/latest.json` holds (and
 * `results/latest-rtt<ms>.json` for a run over the link relay). Fields are
 * only ever added, so readers of older files keep working.
 */
export interface RunResult {
  readonly mode: 'quick' | 'full';
  /** Present for a run over the link relay. */
  readonly link?: LinkResult;
  /** The 1-minute load average when the run started and ended (the machine is shared). */
  readonly loadAverage?: { readonly start: number; readonly end: number };
  readonly machine: MachineInfo;
  /** Wall-clock duration of the whole run in seconds. */
  readonly durationSeconds: number;
  readonly cases: readonly CaseResult[];
}
