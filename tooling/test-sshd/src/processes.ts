import { readdirSync, readFileSync } from 'node:fs';

/** A process seen in /proc. */
export interface ProcessEntry {
  /** Process id. */
  readonly pid: number;
  /** Parent process id (field 4 of /proc/<pid>/stat). */
  readonly parentPid: number;
  /** argv joined with spaces. */
  readonly commandLine: string;
}

/** Lists every process visible in /proc (Linux only). */
export function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      // The command name in field 2 may hold spaces and parentheses, so
      // the fields after it are found from the last ')'.
      const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = afterName[0];
      if (state === 'Z' || state === 'X') continue;
      const commandLine = readFileSync(`/proc/${name}/cmdline`, 'latin1')
        .replace(/\0+$/, '')
        .replaceAll('\0', ' ');
      entries.push({ pid: Number(name), parentPid: Number(afterName[1]), commandLine });
    } catch {
      // The process ended while we looked.
    }
  }
  return entries;
}

/**
 * Pids of every descendant of `rootPid`, children before grandchildren, in
 * `processes` (any table of pid and parent pid; by default the live ones).
 */
export function descendantPids(
  rootPid: number,
  processes: readonly Pick<ProcessEntry, 'pid' | 'parentPid'>[] = listProcesses(),
): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of processes) {
    const siblings = childrenOf.get(entry.parentPid) ?? [];
    siblings.push(entry.pid);
    childrenOf.set(entry.parentPid, siblings);
  }
  const found: number[] = [];
  // A malformed table (a pid listed as its own ancestor) must not loop.
  const seen = new Set([rootPid]);
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of childrenOf.get(pid) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Processes whose command line mentions any of `needles` (typically a temp
 * directory or control socket path of a test), excluding this process. Tests
 * use it to prove that no `ssh` or `sshd` of theirs outlived them.
 */
export function processesMentioning(needles: readonly string[]): ProcessEntry[] {
  return listProcesses().filter(
    (entry) =>
      entry.pid !== process.pid && needles.some((needle) => entry.commandLine.includes(needle)),
  );
}

/** Whether a pid is alive (and not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Sends a signal, ignoring a process that is already gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
