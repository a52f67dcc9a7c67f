/**
 * Reading known_hosts files, bounded. ssh reads whatever it is given; we
 * refuse what could hang or exhaust memory — a file over
 * {@link MAX_KNOWN_HOSTS_BYTES}, a FIFO or socket (a read that may never
 * end), binary content (a NUL byte) — with an `SshError` naming the file.
 * A missing file is an empty one, as for ssh (`/dev/null`, a common
 * `UserKnownHostsFile`, reads as empty too).
 *
 * @packageDocumentation
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { SshError } from '@openssh-ts/session-core';
import { parseKnownHostsLine, type KnownHostsEntry } from './known-hosts-line.js';

/** The largest known_hosts file read: far above any real one (about 100,000 hosts). */
export const MAX_KNOWN_HOSTS_BYTES = 16 * 1024 * 1024;

/** The usable entries of one known_hosts file; bad lines are left out, as ssh skips them. */
export interface KnownHostsFile {
  readonly path: string;
  readonly entries: readonly KnownHostsEntry[];
}

function unreadable(path: string, why: string, cause?: unknown): SshError {
  return new SshError('connect', `known_hosts file ${path} ${why}`, {
    reason: 'other',
    ...(cause === undefined ? {} : { cause }),
  });
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Reads at most `limit + 1` bytes, so "too big" is known without trusting the file's size. */
async function readBounded(path: string, limit: number): Promise<Buffer | undefined> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw unreadable(path, 'cannot be opened', error);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw unreadable(path, 'is a directory');
    if (!stats.isFile() && !stats.isCharacterDevice()) {
      throw unreadable(path, 'is not a regular file');
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw unreadable(path, `is larger than ${limit} bytes`);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (SshError.isInstance(error)) throw error;
    throw unreadable(path, 'cannot be read', error);
  } finally {
    await handle.close();
  }
}

/** Splits known_hosts text into its usable entries. */
export function parseKnownHosts(text: string, path: string): KnownHostsFile {
  const entries: KnownHostsEntry[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const parsed = parseKnownHostsLine(lines[index] ?? '', path, index + 1);
    if (parsed.kind === 'entry') entries.push(parsed);
  }
  return { path, entries };
}

/**
 * Reads and parses one known_hosts file; a missing file has no entries.
 * Rejects with `SshError('connect', reason 'other')` for a file that is too
 * big, binary, a directory or not readable.
 */
export async function readKnownHostsFile(
  path: string,
  limit: number = MAX_KNOWN_HOSTS_BYTES,
): Promise<KnownHostsFile> {
  const bytes = await readBounded(path, limit);
  if (bytes === undefined) return { path, entries: [] };
  if (bytes.includes(0)) throw unreadable(path, 'is binary (it contains a NUL byte)');
  return parseKnownHosts(bytes.toString('utf8'), path);
}

/** Reads several known_hosts files in order (user files first, then global ones, as ssh). */
export async function readKnownHostsFiles(paths: readonly string[]): Promise<KnownHostsFile[]> {
  return Promise.all(paths.map((path) => readKnownHostsFile(path)));
}
