// Which processes serve one sshd's connections. After authentication OpenSSH
// (9.2 and earlier: privilege separation) runs each connection as two
// processes that both hold the TCP socket: the privileged monitor
// (`sshd: user [priv]`, a child of the listener) and the unprivileged child
// that does the packet I/O (`sshd: user@notty`). Killing only the monitor
// reparents that child to init, which keeps the connection up and out of
// reach of the listener's process tree — so connections are found here by
// the sockets they hold as well as by parentage.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { descendantPids, listProcesses, type ProcessEntry } from './processes.js';

/** `/proc/net/tcp` state of a listening socket. */
const TCP_LISTEN = '0A';

/**
 * Inodes of the connected (not listening) TCP sockets whose local port is
 * `port`, from /proc/net/tcp and /proc/net/tcp6 (Linux).
 */
export function connectedSocketInodes(port: number, tables?: readonly string[]): Set<string> {
  const texts =
    tables ??
    ['/proc/net/tcp', '/proc/net/tcp6'].map((path) => {
      try {
        return readFileSync(path, 'latin1');
      } catch {
        return '';
      }
    });
  const inodes = new Set<string>();
  for (const text of texts) {
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      const state = fields[3];
      const inode = fields[9];
      if (local === undefined || state === undefined || inode === undefined) continue;
      const localPort = Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
      if (localPort === port && state !== TCP_LISTEN && inode !== '0') inodes.add(inode);
    }
  }
  return inodes;
}

/** Pids among `candidates` holding any socket of `inodes` open (unreadable fd tables are skipped). */
export function socketHolders(
  inodes: ReadonlySet<string>,
  candidates: readonly number[],
): number[] {
  if (inodes.size === 0) return [];
  return candidates.filter((pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
          return target.startsWith('socket:[') && inodes.has(target.slice(8, -1));
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  });
}

/**
 * Every sshd process serving a connection to the sshd `listenerPid` on
 * `port`: the listener's children and their `sshd:` descendants, plus any
 * `sshd:` process holding a connected socket of that port (an orphaned
 * unprivileged child). Not the users' session commands.
 */
export function connectionProcesses(
  listenerPid: number,
  port: number,
  processes: readonly ProcessEntry[] = listProcesses(),
): number[] {
  const isSshd = (pid: number): boolean =>
    processes.find((entry) => entry.pid === pid)?.commandLine.startsWith('sshd:') ?? false;
  const found = new Set<number>();
  for (const entry of processes) {
    if (entry.parentPid !== listenerPid) continue;
    found.add(entry.pid);
    for (const descendant of descendantPids(entry.pid, processes))
      if (isSshd(descendant)) found.add(descendant);
  }
  const strays = processes
    .filter((entry) => entry.pid !== listenerPid && !found.has(entry.pid))
    .filter((entry) => entry.commandLine.startsWith('sshd:'))
    .map((entry) => entry.pid);
  for (const pid of socketHolders(connectedSocketInodes(port), strays)) found.add(pid);
  return [...found];
}
