// CPU time of processes as Linux reports it in /proc/<pid>/stat (proc(5)).
// utime/stime are what the process itself spent; cutime/cstime what its
// children spent once it reaped them — so a process tree's whole cost over
// an interval is the change of the sum of all four over its live members,
// even when short-lived children came and went in between.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { descendantPids } from '@openssh-ts/test-sshd';

/** The fields of one /proc/<pid>/stat line the CPU accounting uses; times in clock ticks. */
export interface ProcStat {
  readonly pid: number;
  /** One letter: R, S, D, Z (zombie: exited, not reaped yet, its times still readable), … */
  readonly state: string;
  readonly parentPid: number;
  readonly userTicks: number;
  readonly systemTicks: number;
  /** CPU of reaped children (and their reaped descendants), user mode. */
  readonly childUserTicks: number;
  /** CPU of reaped children (and their reaped descendants), kernel mode. */
  readonly childSystemTicks: number;
  readonly threads: number;
}

/** Field numbers of proc(5), counted from 1 (pid) — grep-able against the manual. */
const FIELD_STATE = 3;
const FIELD_PPID = 4;
const FIELD_UTIME = 14;
const FIELD_STIME = 15;
const FIELD_CUTIME = 16;
const FIELD_CSTIME = 17;
const FIELD_NUM_THREADS = 20;

/**
 * Parses one /proc/<pid>/stat line; undefined when it is not one. The command
 * name (field 2) may hold spaces and parentheses, so the fields after it are
 * counted from the last `)`.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf(' (');
  const close = text.lastIndexOf(')');
  if (open < 1 || close < open) return undefined;
  const pid = Number(text.slice(0, open));
  // Field 3 onwards; index 0 here is field 3.
  const rest = text
    .slice(close + 1)
    .trim()
    .split(' ');
  const field = (number: number): number => Number(rest[number - FIELD_STATE]);
  const state = rest[0];
  if (
    rest.length < FIELD_NUM_THREADS - FIELD_STATE + 1 ||
    state === undefined ||
    !/^[A-Za-z]$/.test(state)
  )
    return undefined;
  const parsed = {
    pid,
    state,
    parentPid: field(FIELD_PPID),
    userTicks: field(FIELD_UTIME),
    systemTicks: field(FIELD_STIME),
    childUserTicks: field(FIELD_CUTIME),
    childSystemTicks: field(FIELD_CSTIME),
    threads: field(FIELD_NUM_THREADS),
  };
  const numbers = Object.values(parsed).filter((value) => typeof value === 'number');
  if (!numbers.every((value) => Number.isSafeInteger(value) && value >= 0)) return undefined;
  return parsed;
}

/** Reads one process' stat; undefined once it is gone (or on a system without /proc). */
export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return undefined;
  }
}

/** Every process visible in /proc, zombies included (their times still count until reaped). */
export function readProcessTable(): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const table: ProcStat[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProcStat(Number(name));
    if (stat !== undefined) table.push(stat);
  }
  return table;
}

/**
 * The sum of `valueOf` over `rootPid` and all its live descendants in
 * `table`; undefined when the root is not in it. A child reaped during an
 * interval has moved into its parent's child times, so sums taken before
 * and after stay comparable.
 */
export function treeSum(
  table: readonly ProcStat[],
  rootPid: number,
  valueOf: (stat: ProcStat) => number,
): number | undefined {
  const byPid = new Map(table.map((stat) => [stat.pid, stat]));
  if (!byPid.has(rootPid)) return undefined;
  let sum = 0;
  for (const pid of [rootPid, ...descendantPids(rootPid, table)]) sum += valueOf(byPid.get(pid)!);
  return sum;
}

/** The first field of a schedstat line: nanoseconds on CPU. Undefined when it is not one. */
export function parseSchedstat(text: string): number | undefined {
  const value = Number(text.trim().split(' ')[0]);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * CPU seconds of one process and of the children it reaped. /proc/<pid>/stat
 * truncates to clock ticks (10 ms), which is a third of a second per GiB at
 * --quick's 32 MiB, so a single-threaded process' own time is read from
 * schedstat in nanoseconds instead (ssh and sshd have one thread; with
 * several, schedstat would miss threads that ended, so ticks it is).
 */
export function processSeconds(stat: ProcStat, perSecond: number): number {
  const children = (stat.childUserTicks + stat.childSystemTicks) / perSecond;
  if (stat.threads === 1) {
    let nanoseconds: number | undefined;
    try {
      nanoseconds = parseSchedstat(readFileSync(`/proc/${stat.pid}/schedstat`, 'latin1'));
    } catch {
      nanoseconds = undefined;
    }
    if (nanoseconds !== undefined) return nanoseconds / 1e9 + children;
  }
  return (stat.userTicks + stat.systemTicks) / perSecond + children;
}

let ticksPerSecond: number | null | undefined;

/**
 * `getconf CLK_TCK` (100 on every usual Linux), read once; null when it
 * cannot be read, and every figure in ticks then stays unmeasured.
 */
export function clockTicksPerSecond(): number | null {
  if (ticksPerSecond !== undefined) return ticksPerSecond;
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    ticksPerSecond = Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    ticksPerSecond = null;
  }
  return ticksPerSecond;
}

/**
 * CPU seconds of this process so far, children it reaped included: its own
 * from `process.cpuUsage()` (microseconds, so short repetitions stay
 * precise), its children's from /proc (clock ticks). With `spawnedOnly`,
 * only the children's: a contender that is an external program (`sftp`)
 * is that program, not the Node process that happens to start it, whose
 * garbage collection of other rows' work would otherwise be charged to it.
 * Null without /proc.
 */
export function ownCpuSeconds(spawnedOnly = false): number | null {
  // First, so that the one `getconf` it may spawn is reaped before the reading.
  const ticks = clockTicksPerSecond();
  const own = process.cpuUsage();
  const self = readProcStat(process.pid);
  if (self === undefined || ticks === null) return null;
  const children = (self.childUserTicks + self.childSystemTicks) / ticks;
  return spawnedOnly ? children : (own.user + own.system) / 1e6 + children;
}
