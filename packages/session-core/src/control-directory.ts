import { connect } from 'node:net';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SshError } from './ssh-error.js';

/** Name prefix of the control directories openssh-ts makes. */
export const CONTROL_DIRECTORY_PREFIX = 'ossh-';

/** File name of the control socket inside a control directory. */
export const CONTROL_SOCKET_NAME = 'master';
/** File name of the master's log (`ssh -E`) inside a control directory. */
export const MASTER_LOG_NAME = 'log';

// sun_path is 108 bytes on Linux and 104 on the BSDs and macOS, NUL included.
// The master first binds "<ControlPath>.<16 random chars>" and renames it
// (mux.c muxserver_listen), so 17 more bytes must fit.
const SOCKET_PATH_LIMIT = process.platform === 'linux' ? 107 : 103;
const TEMPORARY_SUFFIX_LENGTH = 17;

/** Where a fresh master's files go. */
export interface ControlPaths {
  readonly directory: string;
  readonly controlSocket: string;
  readonly masterLog: string;
}

/** Longest control socket path (in bytes) that ssh can bind on this OS. */
export const MAX_CONTROL_SOCKET_PATH_BYTES = SOCKET_PATH_LIMIT - TEMPORARY_SUFFIX_LENGTH;

/**
 * Makes a fresh control directory (mode 0700, as mkdtemp does) under
 * `parent` (default: the system temp directory). Fails with a clear
 * `master` error, before ssh would, when the socket path would not fit in a
 * Unix socket address.
 */
export async function createControlDirectory(parent: string | undefined): Promise<ControlPaths> {
  const base = resolve(parent ?? tmpdir());
  // mkdtemp adds six characters.
  const predicted = join(base, `${CONTROL_DIRECTORY_PREFIX}XXXXXX`, CONTROL_SOCKET_NAME);
  if (Buffer.byteLength(predicted) > MAX_CONTROL_SOCKET_PATH_BYTES) {
    throw new SshError(
      'master',
      `control directory ${JSON.stringify(base)} is too long: the control socket path would be ` +
        `${Buffer.byteLength(predicted)} bytes, but at most ${MAX_CONTROL_SOCKET_PATH_BYTES} fit in a Unix socket address ` +
        `on this system; pass a shorter controlDirectory (e.g. /tmp)`,
    );
  }
  let directory: string;
  try {
    directory = await mkdtemp(join(base, CONTROL_DIRECTORY_PREFIX));
  } catch (error) {
    throw new SshError('master', `cannot create a control directory in ${base}`, { cause: error });
  }
  return {
    directory,
    controlSocket: join(directory, CONTROL_SOCKET_NAME),
    masterLog: join(directory, MASTER_LOG_NAME),
  };
}

/** A control directory untouched for this long, without a live master, is stale. */
export const STALE_AFTER_MS = 5 * 60 * 1000;

/** Whether something accepts connections on the Unix socket `path`. */
export function socketAnswers(path: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/**
 * Removes control directories of earlier runs in `parent` whose master is
 * gone (no socket, or a socket nobody answers on). Unlike the Rust crate,
 * which removes every directory with its prefix, a directory whose master
 * still answers is left alone: it may belong to a live session of another
 * process, and so is one modified in the last {@link STALE_AFTER_MS}
 * (its master may still be connecting). Only directories owned by this user are considered.
 */
export async function removeStaleControlDirectories(parent: string | undefined): Promise<string[]> {
  const base = resolve(parent ?? tmpdir());
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(base);
  } catch {
    return removed;
  }
  const uid = process.getuid?.();
  for (const name of names) {
    if (!name.startsWith(CONTROL_DIRECTORY_PREFIX)) continue;
    const directory = join(base, name);
    try {
      const info = await stat(directory);
      if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
      // A young directory may belong to a master that is still connecting
      // and has no socket yet.
      if (Date.now() - info.mtimeMs < STALE_AFTER_MS) continue;
      if (await socketAnswers(join(directory, CONTROL_SOCKET_NAME))) continue;
      await rm(directory, { recursive: true, force: true });
      removed.push(directory);
    } catch {
      // Raced with its owner; leave it.
    }
  }
  return removed;
}
