// What a get or put will copy: the directories to create and the files to
// transfer with their sizes, found by walking the source tree. Walks are
// bounded so a huge or looping tree ends in an error, not in exhausting memory.
import { lstat, readdir } from 'node:fs/promises';
import { join as joinLocal } from 'node:path';
import { posix } from 'node:path';
import type { Sftp } from '@openssh-ts/sftp';
import { UsageError } from './usage-error.js';

/** One file to copy. */
export interface PlannedFile {
  readonly source: string;
  readonly target: string;
  readonly size: number;
}

/** Everything one transfer will do. */
export interface TransferPlan {
  /** Target directories to create, parents first. */
  readonly directories: readonly string[];
  readonly files: readonly PlannedFile[];
  /** Sources that are neither files nor directories (links, devices), left out. */
  readonly skipped: readonly string[];
  readonly totalBytes: number;
}

/** Most entries a recursive transfer will walk. */
export const MAX_PLAN_ENTRIES = 200_000;

/** A directory entry as both walks see it. */
interface WalkEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'other';
  readonly size: number;
}

interface TreeAccess {
  list(path: string): Promise<WalkEntry[]>;
  join(...parts: string[]): string;
}

async function walk(
  source: TreeAccess,
  target: (relative: string[]) => string,
  root: string,
): Promise<TransferPlan> {
  const directories: string[] = [target([])];
  const files: PlannedFile[] = [];
  const skipped: string[] = [];
  let totalBytes = 0;
  const pending: string[][] = [[]];
  for (let relative = pending.shift(); relative !== undefined; relative = pending.shift()) {
    for (const entry of await source.list(source.join(root, ...relative))) {
      if (directories.length + files.length + skipped.length >= MAX_PLAN_ENTRIES) {
        throw new UsageError(
          `${root} holds more than ${MAX_PLAN_ENTRIES} entries`,
          'copy it in parts, or archive it first (tar)',
        );
      }
      const path = [...relative, entry.name];
      if (entry.kind === 'directory') {
        directories.push(target(path));
        pending.push(path);
      } else if (entry.kind === 'file') {
        files.push({ source: source.join(root, ...path), target: target(path), size: entry.size });
        totalBytes += entry.size;
      } else {
        skipped.push(source.join(root, ...path));
      }
    }
  }
  return { directories, files, skipped, totalBytes };
}

/** Plans downloading the remote tree at `root` into the local directory `target`. */
export function planDownloadTree(sftp: Sftp, root: string, target: string): Promise<TransferPlan> {
  return walk(
    {
      join: (...parts) => posix.join(...parts),
      list: async (path) =>
        (await sftp.readdir(path, { withFileTypes: true })).map((entry) => ({
          name: entry.name,
          kind: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other',
          size: entry.stats.size ?? 0,
        })),
    },
    (relative) => joinLocal(target, ...relative),
    root,
  );
}

/** Plans uploading the local tree at `root` into the remote directory `target`. */
export function planUploadTree(root: string, target: string): Promise<TransferPlan> {
  return walk(
    {
      join: (...parts) => joinLocal(...parts),
      list: async (path) =>
        Promise.all(
          (await readdir(path, { withFileTypes: true })).map(async (entry) => ({
            name: entry.name,
            kind: entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other',
            size: entry.isFile() ? (await lstat(joinLocal(path, entry.name))).size : 0,
          })),
        ),
    },
    (relative) => posix.join(target, ...relative),
    root,
  );
}

/** A plan for a single file. */
export function singleFilePlan(source: string, target: string, size: number): TransferPlan {
  return { directories: [], files: [{ source, target, size }], skipped: [], totalBytes: size };
}
