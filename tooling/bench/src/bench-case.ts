// The contract between the runner and a benchmark case. A case is one
// question ("how long does a sequential `true` take?") asked of several
// contenders — the project's own code, the tools it is compared with, and
// reference floors — which the runner measures interleaved, repetition by
// repetition, so that machine noise hits every contender alike.
import type { CpuBasis } from './cpu-figures.js';
import type { CpuTargets, ListeningSshd } from './cpu-meter.js';

/** Unit of a case's figures; the runner never converts between them. */
export type Unit = 'ms' | 'cmd/s' | 'MiB/s' | 'ops/s' | 'msg/s';

/** Whether a smaller or a larger figure is the better one. */
export type Better = 'lower' | 'higher';

/**
 * What a contender stands for: the project's own code (`project`), a tool it
 * is compared with (`comparison`), or a physical limit of the machine
 * (`reference`), which nobody is expected to reach.
 */
export type ContenderRole = 'project' | 'comparison' | 'reference';

/** One repetition's figure. */
export interface Sample {
  /** The figure in the case's unit. */
  readonly value: number;
  /** Peak resident set size of the Node process that did the work, when it ran alone in a child process. */
  readonly peakRssBytes?: number;
  /** RSS of that child process after setup, before the measured work: its floor. */
  readonly settledRssBytes?: number;
  /**
   * Something that went wrong outside the measured work (e.g. closing the
   * connection afterwards failed): the figure stands, the table lists it.
   */
  readonly warning?: string;
  /**
   * CPU seconds the client spent on this repetition, when it was measured
   * where the work ran (an isolated worker); null when that failed. Absent:
   * the runner measures its own process around `run()`.
   */
  readonly clientCpuSeconds?: number | null;
}

/** One way of doing what a case asks. */
export interface Contender {
  /** Shown in the table, e.g. `ssh -S ctl` or `openssh-ts native`. Unique within its case. */
  readonly name: string;
  readonly role: ContenderRole;
  /**
   * Why this contender cannot run in this checkout (a package that has not
   * landed, a missing tool). The table then says "not available" and never
   * shows a figure.
   */
  readonly unavailable?: string;
  /**
   * Run every repetition (setup, run, verify, teardown) in a fresh Node child
   * process, so the peak RSS it reports is this contender's alone. Only for
   * contenders whose work happens in Node.
   */
  readonly isolate?: boolean;
  /**
   * What its client CPU is: the whole process that runs it with everything
   * that process spawned (`process`, the default: Node is part of the
   * contender), or only the programs it spawned (`spawned`: the contender is
   * an external program such as `sftp`, Node merely starts it).
   */
  readonly cpuClient?: 'process' | 'spawned';
  /** Untimed preparation (connecting, creating files). */
  setup?(): Promise<void>;
  /** Does the measured work once. */
  run(repetition: number): Promise<Sample>;
  /**
   * Untimed tidying right after each `run()` (e.g. removing a copy), kept
   * out of the CPU charged to the repetition; runs before `verify`.
   */
  afterRun?(repetition: number): Promise<void>;
  /**
   * The processes that serve this contender (its ControlMaster, the holder
   * of its connection to sshd), asked once after setup in cases that account
   * for CPU. Absent or failing: those figures stay blank.
   */
  cpuTargets?(): Promise<CpuTargets>;
  /** Untimed check of the first repetition's result (e.g. a checksum); throws when wrong. */
  verify?(): Promise<void>;
  /** Untimed clean-up; runs even when `setup` or `run` failed. */
  teardown?(): Promise<void>;
}

/** A question asked of several contenders. */
export interface BenchCase {
  /** Stable id, used by `--only` and by the child processes that run isolated repetitions. */
  readonly id: string;
  /** Heading the case is listed under, e.g. `commands` or `streams`. */
  readonly group: string;
  /** One line saying what is measured, e.g. `sequential true, per command`. */
  readonly title: string;
  readonly unit: Unit;
  readonly better: Better;
  /** Measured repetitions per contender. */
  readonly repetitions: number;
  /** Unrecorded repetitions per contender before the measured ones. */
  readonly warmup: number;
  /** Name of the contender every other row is compared with. */
  readonly baseline: string;
  /**
   * Untimed preparation shared by all contenders (e.g. the file to
   * transfer), run once in the main process before any contender's setup —
   * isolated workers, which set up in parallel, only use what it made.
   */
  prepare?(): Promise<void>;
  /** Account every repetition's CPU to client, master and sshd, divided by this basis. */
  readonly cpu?: CpuAccounting;
  readonly contenders: readonly Contender[];
}

/** How a case's CPU is accounted: per what, and where the run's sshd listens. */
export interface CpuAccounting extends CpuBasis {
  readonly sshd: ListeningSshd;
}
