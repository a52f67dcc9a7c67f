// The `Sftp` layer that works on the name space: listing directories,
// creating and removing directories and files, renaming and linking.
import { EXTENSION_POSIX_RENAME } from './constants.js';
import type { SftpDirent } from './directory-entry.js';
import { listDirectory } from './list-directory.js';
import { pathToBytes, type RemotePath } from './path-bytes.js';
import { hasErrorCode } from './sftp-error.js';
import { SftpMetadata } from './sftp-metadata.js';
import { makeDirectoryRecursive, removeRecursive } from './tree-operations.js';

/** Options of {@link Sftp.readdir}. */
export interface ReaddirOptions {
  /** Return {@link SftpDirent}s (name, bytes, attributes) instead of names. */
  readonly withFileTypes?: boolean;
  /** `'buffer'`: names as raw bytes, for names that are not UTF-8. */
  readonly encoding?: 'utf8' | 'buffer';
}

/** {@link Sftp}'s directory and name-space operations (readdir, mkdir, rm, rename, ...). */
export abstract class SftpDirectories extends SftpMetadata {
  /**
   * Lists a directory (without `.` and `..`), in the server's order:
   * SSH_FXP_OPENDIR, SSH_FXP_READDIR until EOF, SSH_FXP_CLOSE
   * (draft-ietf-secsh-filexfer-02 §6.7). Rejects with `no-such-file` or
   * `permission-denied` as the server says; a path that is not a directory
   * is `no-such-file` from OpenSSH (ENOTDIR).
   */
  async readdir(path: RemotePath): Promise<string[]>;
  async readdir(path: RemotePath, options: { withFileTypes: true }): Promise<SftpDirent[]>;
  async readdir(path: RemotePath, options: { encoding: 'buffer' }): Promise<Uint8Array[]>;
  async readdir(
    path: RemotePath,
    options: ReaddirOptions,
  ): Promise<string[] | Uint8Array[] | SftpDirent[]>;
  async readdir(
    path: RemotePath,
    options: ReaddirOptions = {},
  ): Promise<string[] | Uint8Array[] | SftpDirent[]> {
    const entries: SftpDirent[] = [];
    for await (const entry of this.opendir(path)) entries.push(entry);
    if (options.withFileTypes) return entries;
    if (options.encoding === 'buffer') return entries.map((entry) => entry.nameBytes);
    return entries.map((entry) => entry.name);
  }

  /**
   * Iterates a directory's entries one SSH_FXP_READDIR batch at a time
   * (OpenSSH sends up to 100 per batch), for directories too big to hold;
   * the directory handle is closed when the loop ends, breaks or throws.
   */
  async *opendir(path: RemotePath): AsyncGenerator<SftpDirent, void, undefined> {
    yield* listDirectory(this.client, await this.path(path));
  }

  /**
   * Creates a directory: SSH_FXP_MKDIR (draft §6.6) with `mode & 0o7777`
   * when given (the server applies its umask; OpenSSH's default is 0o777).
   * `recursive` creates missing parents too and accepts an existing
   * directory, as `mkdir -p`. Without it an existing path rejects with
   * `failure` (OpenSSH reports EEXIST so) and a missing parent with
   * `no-such-file`.
   */
  async mkdir(
    path: RemotePath,
    options: { recursive?: boolean; mode?: number } = {},
  ): Promise<void> {
    const attributes = options.mode === undefined ? {} : { permissions: options.mode & 0o7777 };
    const bytes = await this.path(path);
    if (options.recursive) await makeDirectoryRecursive(this.client, bytes, attributes);
    else await this.client.mkdir(bytes, attributes);
  }

  /**
   * Removes an empty directory: SSH_FXP_RMDIR (draft §6.6). A directory
   * that is not empty rejects with `failure` from OpenSSH.
   */
  async rmdir(path: RemotePath): Promise<void> {
    await this.client.rmdir(await this.path(path));
  }

  /** Removes a file or symlink (not its target): SSH_FXP_REMOVE (draft §6.5). */
  async unlink(path: RemotePath): Promise<void> {
    await this.client.remove(await this.path(path));
  }

  /**
   * Removes a file, or with `recursive` a directory tree (symlinks in it
   * are removed, not followed), as `rm -r`: SSH_FXP_REMOVE, and for a tree
   * SSH_FXP_LSTAT, directory listings and SSH_FXP_RMDIR, with many removals
   * in flight. `force` makes a missing path (anywhere in the tree) success.
   */
  async rm(
    path: RemotePath,
    options: { recursive?: boolean; force?: boolean } = {},
  ): Promise<void> {
    const bytes = await this.path(path);
    if (options.recursive) {
      await removeRecursive(this.client, bytes, options.force ?? false);
      return;
    }
    try {
      await this.client.remove(bytes);
    } catch (error) {
      if (options.force && hasErrorCode(error, 'no-such-file')) return;
      throw error;
    }
  }

  /**
   * Renames, replacing an existing destination as POSIX `rename(2)` does when
   * the server offers `posix-rename@openssh.com` (OpenSSH PROTOCOL §4.3);
   * otherwise plain SSH_FXP_RENAME (draft §6.5), which rejects with
   * `failure` when the destination exists.
   */
  async rename(from: RemotePath, to: RemotePath): Promise<void> {
    const [source, destination] = await Promise.all([this.path(from), this.path(to)]);
    if (this.client.has(EXTENSION_POSIX_RENAME)) await this.client.posixRename(source, destination);
    else await this.client.rename(source, destination);
  }

  /**
   * Creates a symlink at `path` pointing to `target` (argument order as
   * `fs.symlink`): SSH_FXP_SYMLINK (draft §6.10), its two paths sent in
   * OpenSSH's order (PROTOCOL §4.1). `target` is stored verbatim: a `~` in
   * it is not expanded.
   */
  async symlink(target: RemotePath, path: RemotePath): Promise<void> {
    // The target is stored verbatim, so `~` in it is not expanded.
    await this.client.symlink(pathToBytes(target), await this.path(path));
  }

  /**
   * Creates a hard link `newPath` to `existingPath`: `hardlink@openssh.com`
   * (OpenSSH PROTOCOL §4.5); `unsupported` when the server does not offer it.
   */
  async link(existingPath: RemotePath, newPath: RemotePath): Promise<void> {
    const [existing, created] = await Promise.all([this.path(existingPath), this.path(newPath)]);
    await this.client.hardlink(existing, created);
  }
}
