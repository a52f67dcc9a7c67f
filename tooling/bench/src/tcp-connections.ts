// Which sshd process serves a given client's TCP connection. sshd forks one
// process tree per connection (privileged monitor → unprivileged child →
// one child per session), and nothing in their command lines says whose
// connection it is; the socket does. The client's socket (held by a
// ControlMaster or by an ssh2 client's Node process) and sshd's end of it are
// the two rows of /proc/net/tcp whose addresses mirror each other, and the
// sshd-side socket's inode is found among the fds of sshd's descendants.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { readProcessTable, type ProcStat } from './proc-stat.js';

/** One row of /proc/net/tcp or /proc/net/tcp6. */
export interface TcpSocket {
  /** `address:port` exactly as the kernel prints it (hex), for mirroring with a peer's row. */
  readonly local: string;
  readonly remote: string;
  readonly localPort: number;
  readonly remotePort: number;
  /** Connection state in hex; `01` is ESTABLISHED. */
  readonly state: string;
  readonly inode: number;
}

const ESTABLISHED = '01';

function portOf(address: string): number {
  const colon = address.lastIndexOf(':');
  return colon < 0 ? Number.NaN : Number.parseInt(address.slice(colon + 1), 16);
}

/** Parses /proc/net/tcp or tcp6 text; lines that do not parse are skipped. */
export function parseTcpTable(text: string): TcpSocket[] {
  const sockets: TcpSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
    const fields = line.trim().split(/\s+/);
    const [, local, remote, state] = fields;
    const inode = Number(fields[9]);
    if (local === undefined || remote === undefined || state === undefined) continue;
    const localPort = portOf(local);
    const remotePort = portOf(remote);
    if (![localPort, remotePort, inode].every(Number.isSafeInteger)) continue;
    sockets.push({ local, remote, localPort, remotePort, state, inode });
  }
  return sockets;
}

/**
 * The sshd-side socket of the one established connection to `serverPort`
 * among `holderInodes` (and from `localPort`, when the holder has several);
 * undefined unless exactly one matches, because a guess could charge one
 * contender with another's server.
 */
export function serverSideOf(
  sockets: readonly TcpSocket[],
  holderInodes: ReadonlySet<number>,
  serverPort: number,
  localPort?: number,
): TcpSocket | undefined {
  const clients = sockets.filter(
    (socket) =>
      holderInodes.has(socket.inode) &&
      socket.state === ESTABLISHED &&
      socket.remotePort === serverPort &&
      (localPort === undefined || socket.localPort === localPort),
  );
  const [client] = clients;
  if (client === undefined || clients.length !== 1) return undefined;
  const servers = sockets.filter(
    (socket) => socket.local === client.remote && socket.remote === client.local,
  );
  return servers.length === 1 ? servers[0] : undefined;
}

/** pid → parent pid of every process in `table`. */
export function parentMap(table: readonly ProcStat[]): Map<number, number> {
  return new Map(table.map((stat) => [stat.pid, stat.parentPid]));
}

/**
 * The ancestor of `pid` that is a direct child of `listenerPid` (the root of
 * one connection's process tree), or undefined when `pid` is not below it.
 */
export function connectionRootOf(
  parentOf: ReadonlyMap<number, number>,
  listenerPid: number,
  pid: number,
): number | undefined {
  let current = pid;
  // Bounded: a parent map with a cycle must not hang the run.
  for (let depth = 0; depth < 64; depth += 1) {
    const parent = parentOf.get(current);
    if (parent === undefined) return undefined;
    if (parent === listenerPid) return current;
    current = parent;
  }
  return undefined;
}

/** Inodes of the sockets among a process' open fds; empty when they cannot be read. */
export function socketInodes(pid: number): Set<number> {
  const inodes = new Set<number>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1] !== undefined) inodes.add(Number(match[1]));
    } catch {
      // Closed while we looked.
    }
  }
  return inodes;
}

function readTcpTables(pid: number): TcpSocket[] {
  const sockets: TcpSocket[] = [];
  for (const file of ['tcp', 'tcp6']) {
    try {
      // The holder's own network namespace, which is where sshd's end is too.
      sockets.push(...parseTcpTable(readFileSync(`/proc/${pid}/net/${file}`, 'latin1')));
    } catch {
      // No IPv6, or the process is gone.
    }
  }
  return sockets;
}

/** The client end of a connection to sshd: who holds it, and from which port if it holds several. */
export interface ConnectionHolder {
  readonly pid: number;
  readonly localPort?: number;
}

/**
 * The pid of the sshd process tree serving `holder`'s connection to the
 * sshd listening as `listenerPid` on `port`; undefined when it cannot be
 * told for sure (not root, connection gone, several candidates).
 */
export function findSshdConnection(
  holder: ConnectionHolder,
  listenerPid: number,
  port: number,
): number | undefined {
  const serverSide = serverSideOf(
    readTcpTables(holder.pid),
    socketInodes(holder.pid),
    port,
    holder.localPort,
  );
  if (serverSide === undefined) return undefined;
  const table = readProcessTable();
  const parentOf = parentMap(table);
  const roots = new Set<number>();
  for (const stat of table) {
    if (stat.state === 'Z') continue;
    const root = connectionRootOf(parentOf, listenerPid, stat.pid);
    if (root !== undefined && socketInodes(stat.pid).has(serverSide.inode)) roots.add(root);
  }
  return roots.size === 1 ? [...roots][0] : undefined;
}
