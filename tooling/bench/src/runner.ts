import type { BenchCase, Contender, CpuAccounting, Sample } from './bench-case.js';
import { addCpuSample, emptyCpuRecord, type CpuRecord } from './cpu-figures.js';
import { CpuMeter, secondsBetween, type CpuSeconds, type CpuTargets } from './cpu-meter.js';
import { ownCpuSeconds } from './proc-stat.js';
import type { CaseResult, RowResult } from './results.js';

/** Progress lines go to stderr so that stdout carries only the table. */
export type Log = (line: string) => void;

interface RowState {
  readonly contender: Contender;
  live: boolean;
  failure?: string;
  readonly values: number[];
  readonly peakRssBytes: number[];
  readonly settledRssBytes: number[];
  readonly warnings: Set<string>;
  readonly cpu: CpuRecord;
  meter?: CpuMeter;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** Longest a setup, repetition or teardown may take before the contender is given up. */
export const STEP_TIMEOUT_MS = 180_000;

/**
 * Rejects when `work` has not settled within `milliseconds`: a contender that
 * hangs (a transport waiting forever) fails with a message instead of
 * stalling the whole run. The work itself is left behind; the run's final
 * sweep ends whatever processes it holds.
 */
export async function withTimeout<T>(
  work: Promise<T>,
  milliseconds: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} timed out after ${milliseconds / 1000} s`)),
      milliseconds,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function attempt(
  state: RowState,
  stopping: () => boolean,
  step: () => Promise<void>,
): Promise<void> {
  if (!state.live) return;
  // After Ctrl-C nothing new starts; teardown still runs.
  if (stopping()) {
    state.live = false;
    state.failure = 'interrupted';
    return;
  }
  try {
    await withTimeout(step(), STEP_TIMEOUT_MS, state.contender.name);
  } catch (error) {
    state.live = false;
    state.failure = describeError(error);
  }
}

/** Run-specific paths (temp directories) would make every repetition's warning unique. */
function generalize(warning: string): string {
  return warning.replace(/\S*osb-\S*/g, '<run directory>');
}

/**
 * Finds the processes serving a contender once it is set up. Untimed, and
 * never fatal: a contender whose servers cannot be found keeps its figures,
 * with those CPU parts blank.
 */
async function startMeter(
  state: RowState,
  accounting: CpuAccounting,
  log: (line: string) => void,
): Promise<void> {
  let targets: CpuTargets | undefined;
  try {
    targets = await withTimeout(
      Promise.resolve(state.contender.cpuTargets?.()),
      30_000,
      'cpu targets',
    );
  } catch {
    targets = undefined;
  }
  state.meter = new CpuMeter(targets, accounting.sshd);
  const { missing } = state.meter;
  if (missing !== undefined)
    log(`  ${state.contender.name}: CPU of master/sshd unknown: ${missing}`);
}

/**
 * Runs one repetition and, in a case that accounts for CPU, what it cost
 * each process. The server readings enclose the client's, so reading /proc
 * is not charged to a client that is this very process.
 */
async function runMeasured(
  state: RowState,
  accounting: CpuAccounting | undefined,
  repetition: number,
): Promise<{ sample: Sample; cpu?: CpuSeconds }> {
  if (accounting === undefined || state.meter === undefined)
    return { sample: await state.contender.run(repetition) };
  const spawnedOnly = state.contender.cpuClient === 'spawned';
  const serverBefore = state.meter.snapshot();
  const clientBefore = ownCpuSeconds(spawnedOnly);
  const sample = await state.contender.run(repetition);
  const clientAfter = ownCpuSeconds(spawnedOnly);
  const serverAfter = state.meter.snapshot();
  const ownClient =
    clientBefore === null || clientAfter === null ? null : clientAfter - clientBefore;
  return {
    sample,
    cpu: {
      // An isolated contender's client is its worker, which measured itself.
      client: sample.clientCpuSeconds === undefined ? ownClient : sample.clientCpuSeconds,
      master: secondsBetween(serverBefore.master, serverAfter.master),
      sshd: secondsBetween(serverBefore.sshd, serverAfter.sshd),
    },
  };
}

function record(state: RowState, sample: Sample): void {
  state.values.push(sample.value);
  if (sample.peakRssBytes !== undefined) state.peakRssBytes.push(sample.peakRssBytes);
  if (sample.settledRssBytes !== undefined) state.settledRssBytes.push(sample.settledRssBytes);
  if (sample.warning !== undefined) state.warnings.add(generalize(sample.warning));
}

/**
 * Measures one case. Contenders take turns within every repetition (A B C, then
 * B C A, …), so a burst of load from elsewhere lands on all of them rather
 * than on whichever happened to run then; the rotation keeps any one of them
 * from always running right after the same neighbour. A contender that fails
 * is reported with its error and dropped from later repetitions; the others
 * carry on. Setup and teardown (untimed) run for all contenders at once;
 * teardown always runs.
 */
export async function runCase(
  benchCase: BenchCase,
  log: Log,
  stopping: () => boolean = () => false,
): Promise<CaseResult> {
  const states: RowState[] = benchCase.contenders.map((contender) => ({
    contender,
    live: contender.unavailable === undefined,
    values: [],
    peakRssBytes: [],
    settledRssBytes: [],
    warnings: new Set(),
    cpu: emptyCpuRecord(),
  }));
  const accounting = benchCase.cpu;
  try {
    try {
      await benchCase.prepare?.();
    } catch (error) {
      for (const state of states) {
        if (!state.live) continue;
        state.live = false;
        state.failure = `preparing the case: ${describeError(error)}`;
      }
    }
    // Setup is untimed, so contenders prepare at once (workers start in parallel).
    await Promise.all(
      states.map((state) => attempt(state, stopping, async () => state.contender.setup?.())),
    );
    if (accounting !== undefined) {
      for (const state of states) if (state.live) await startMeter(state, accounting, log);
    }
    for (let round = 0; round < benchCase.warmup; round += 1) {
      for (const state of states)
        await attempt(state, stopping, async () => {
          await state.contender.run(-1 - round);
          await state.contender.afterRun?.(-1 - round);
        });
    }
    for (let repetition = 0; repetition < benchCase.repetitions; repetition += 1) {
      for (let turn = 0; turn < states.length; turn += 1) {
        const state = states[(repetition + turn) % states.length]!;
        await attempt(state, stopping, async () => {
          const { sample, cpu } = await runMeasured(state, accounting, repetition);
          record(state, sample);
          if (cpu !== undefined) addCpuSample(state.cpu, cpu);
          await state.contender.afterRun?.(repetition);
          if (repetition === 0) await state.contender.verify?.();
        });
      }
      log(`  ${benchCase.id}: repetition ${repetition + 1}/${benchCase.repetitions}`);
    }
  } finally {
    await Promise.all(
      states.map(async (state) => {
        try {
          await withTimeout(Promise.resolve(state.contender.teardown?.()), 30_000, 'teardown');
        } catch (error) {
          // The figures were measured before this; they stand, with the problem listed.
          state.warnings.add(generalize(`teardown: ${describeError(error)}`));
        }
      }),
    );
  }
  const rows = states.map((state): RowResult => {
    const { contender } = state;
    const base = {
      name: contender.name,
      role: contender.role,
      values: state.values,
      peakRssBytes: state.peakRssBytes,
      settledRssBytes: state.settledRssBytes,
      warnings: [...state.warnings],
      ...(accounting === undefined ? {} : { cpuSeconds: state.cpu }),
    };
    if (contender.unavailable !== undefined)
      return { ...base, status: 'not-available', reason: contender.unavailable };
    if (state.failure !== undefined) return { ...base, status: 'failed', reason: state.failure };
    return { ...base, status: 'ok' };
  });
  return {
    id: benchCase.id,
    group: benchCase.group,
    title: benchCase.title,
    unit: benchCase.unit,
    better: benchCase.better,
    baseline: benchCase.baseline,
    ...(accounting === undefined
      ? {}
      : { cpu: { per: accounting.per, amount: accounting.amount } }),
    rows,
  };
}
