// Where a repetition's CPU went, split over the three processes every
// transfer through OpenSSH crosses on this machine: the client (the
// contender's own process), the ControlMaster serving it, and the sshd
// process tree of that master's connection. On a 2-core machine all three
// compete, so a throughput figure alone cannot say which one made a
// contender slow.
import {
  clockTicksPerSecond,
  processSeconds,
  readProcessTable,
  readProcStat,
  treeSum,
} from './proc-stat.js';
import { findSshdConnection, type ConnectionHolder } from './tcp-connections.js';

/** What a contender reports, after setup, about the processes that serve it. */
export interface CpuTargets {
  /** The ControlMaster it rides; absent when it rides none (ssh2). */
  readonly masterPid?: number;
  /** Who holds its TCP connection to sshd: the master, or an ssh2 client's Node process. */
  readonly connection?: ConnectionHolder;
}

/** Targets of a contender riding the ControlMaster `masterPid` (unknown: nothing to measure). */
export function viaMaster(masterPid: number | undefined): CpuTargets {
  return masterPid === undefined ? {} : { masterPid, connection: { pid: masterPid } };
}

/** The run's listening sshd, under which every connection's processes live. */
export interface ListeningSshd {
  readonly pid: number;
  readonly port: number;
}

/** CPU seconds one repetition cost; null where it could not be measured. */
export interface CpuSeconds {
  readonly client: number | null;
  readonly master: number | null;
  readonly sshd: number | null;
}

/** CPU seconds so far of the master and of the sshd connection; null where unreadable. */
export interface ServerSeconds {
  readonly master: number | null;
  readonly sshd: number | null;
}

/**
 * Takes snapshots of a contender's master and sshd connection. The sshd
 * connection is found once, when the meter is made (after setup, while the
 * connection is up); the whole tree under its root is summed each time, so
 * the per-command session children that sshd forks and reaps in between
 * count too.
 */
export class CpuMeter {
  readonly #masterPid: number | undefined;
  readonly #sshdRoot: number | undefined;

  /** What the contender named but this meter could not find, for the run's log. */
  readonly missing: string | undefined;

  constructor(targets: CpuTargets | undefined, sshd: ListeningSshd) {
    this.#masterPid = targets?.masterPid;
    const holder = targets?.connection;
    this.#sshdRoot =
      holder === undefined ? undefined : findSshdConnection(holder, sshd.pid, sshd.port);
    if (holder === undefined && this.#masterPid === undefined)
      this.missing = 'no master or connection named';
    else if (holder !== undefined && this.#sshdRoot === undefined)
      this.missing = `no sshd connection matches pid ${holder.pid}`;
  }

  /** CPU seconds of the master and the sshd connection so far. */
  snapshot(): ServerSeconds {
    const perSecond = clockTicksPerSecond();
    if (perSecond === null) return { master: null, sshd: null };
    const master = this.#masterPid === undefined ? undefined : readProcStat(this.#masterPid);
    const sshd =
      this.#sshdRoot === undefined
        ? undefined
        : treeSum(readProcessTable(), this.#sshdRoot, (stat) => processSeconds(stat, perSecond));
    return {
      master: master === undefined ? null : processSeconds(master, perSecond),
      sshd: sshd ?? null,
    };
  }
}

/**
 * CPU seconds between two readings; null when either is missing or the
 * count went backwards (a process replaced between the readings): a figure
 * that cannot be trusted is left out, never shown.
 */
export function secondsBetween(before: number | null, after: number | null): number | null {
  if (before === null || after === null || after < before) return null;
  return after - before;
}
