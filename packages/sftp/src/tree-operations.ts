import type { FileAttributes } from './attributes.js';
import { listDirectory } from './list-directory.js';
import { joinPath, parentPath } from './path-bytes.js';
import type { ProtocolClient } from './protocol-client.js';
import { hasErrorCode } from './sftp-error.js';
import { SftpStats } from './stats.js';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/** Removals in flight while emptying one directory. */
const REMOVE_CONCURRENCY = 32;

async function isDirectory(client: ProtocolClient, path: Uint8Array): Promise<boolean> {
  try {
    return new SftpStats(await client.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `mkdir -p`: creates `path` and any missing parents. An existing directory
 * is success (OpenSSH reports EEXIST as a plain `failure`, so that case is
 * recognised by a stat afterwards); an existing non-directory is an error.
 */
export async function makeDirectoryRecursive(
  client: ProtocolClient,
  path: Uint8Array,
  attributes: FileAttributes,
): Promise<void> {
  try {
    await client.mkdir(path, attributes);
    return;
  } catch (error) {
    if (hasErrorCode(error, 'no-such-file')) {
      const parent = parentPath(path);
      if (parent === undefined) throw error;
      await makeDirectoryRecursive(client, parent, attributes);
      try {
        await client.mkdir(path, attributes);
        return;
      } catch (retryError) {
        // A concurrent creator may have won the race; that is success too.
        if (await isDirectory(client, path)) return;
        throw retryError;
      }
    }
    if (await isDirectory(client, path)) return;
    throw error;
  }
}

/**
 * `rm -r`: removes a file, a symlink (not what it points to) or a directory
 * tree, emptying directories with many removals in flight. With `force`, a
 * missing path is success.
 */
export async function removeRecursive(
  client: ProtocolClient,
  path: Uint8Array,
  force: boolean,
): Promise<void> {
  let attributes: FileAttributes;
  try {
    attributes = await client.lstat(path);
  } catch (error) {
    if (force && hasErrorCode(error, 'no-such-file')) return;
    throw error;
  }
  if (attributes.permissions === undefined || (attributes.permissions & S_IFMT) !== S_IFDIR) {
    await client.remove(path);
    return;
  }
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const entry of listDirectory(client, path)) {
    if (failure) break;
    const child = joinPath(path, entry.nameBytes);
    const removal: Promise<void> = (
      entry.isDirectory() ? removeRecursive(client, child, force) : client.remove(child)
    ).then(
      () => {
        running.delete(removal);
      },
      (error: unknown) => {
        running.delete(removal);
        if (!(force && hasErrorCode(error, 'no-such-file'))) failure ??= { error };
      },
    );
    running.add(removal);
    if (running.size >= REMOVE_CONCURRENCY) await Promise.race(running);
  }
  await Promise.all(running);
  if (failure) throw failure.error;
  await client.rmdir(path);
}
