import { readFileSync } from 'node:fs';

/** Parent pid from /proc/<pid>/stat (the comm field may itself hold `)`). */
function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const parent = Number(fields[1]);
    return Number.isInteger(parent) && parent > 0 ? parent : undefined;
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** Whether `pid` runs our helper at `helperPath` (false once it is gone or its pid reused). */
export function runsHelper(pid: number, helperPath: string): boolean {
  return commandLine(pid)[1] === helperPath;
}

/**
 * Who is asking, by the pid the helper claims: `master` when its parent is
 * the launching ssh, `jump` when an ssh further down (a ProxyJump `ssh -W`,
 * which ssh runs through `sh -c exec …`) is, `undefined` for anyone else,
 * including a process that is not our helper at all. Linux only (/proc);
 * elsewhere the token alone admits the caller.
 */
export function askpassCaller(
  claimedPid: unknown,
  sshPid: number | undefined,
  helperPath: string,
): 'master' | 'jump' | undefined {
  if (typeof claimedPid !== 'number' || !Number.isInteger(claimedPid) || claimedPid <= 0)
    return undefined;
  if (sshPid === undefined) return undefined;
  if (process.platform !== 'linux') return 'master';
  if (!runsHelper(claimedPid, helperPath)) return undefined;
  let ancestor = parentPid(claimedPid);
  for (let depth = 0; depth < 4 && ancestor !== undefined; depth += 1) {
    if (ancestor === sshPid) return depth === 0 ? 'master' : 'jump';
    ancestor = parentPid(ancestor);
  }
  return undefined;
}
