// The `Sftp` layer that reads and changes what the server knows about a
// path without touching its contents: attributes, links' targets, canonical
// names, file system and account facts.
import type { FileAttributes } from './attributes.js';
import { decodeLenient, pathToBytes, type RemotePath } from './path-bytes.js';
import { SftpBase } from './sftp-base.js';
import { hasErrorCode } from './sftp-error.js';
import { SftpStats } from './stats.js';
import type { StatVfs } from './statvfs.js';
import { toAttributeTimes, type TimeLike } from './time-like.js';

/** {@link Sftp}'s attribute and name operations (stat, setStat, realpath, ...). */
export abstract class SftpMetadata extends SftpBase {
  /** Attributes, following symlinks. */
  async stat(path: RemotePath): Promise<SftpStats> {
    return new SftpStats(await this.client.stat(await this.path(path)));
  }

  /** Attributes of the link itself. */
  async lstat(path: RemotePath): Promise<SftpStats> {
    return new SftpStats(await this.client.lstat(await this.path(path)));
  }

  /** Whether a path exists (following symlinks); other errors are thrown. */
  async exists(path: RemotePath): Promise<boolean> {
    try {
      await this.stat(path);
      return true;
    } catch (error) {
      if (hasErrorCode(error, 'no-such-file')) return false;
      throw error;
    }
  }

  /** Sets size, owner, mode and/or times (SSH_FXP_SETSTAT). */
  async setStat(path: RemotePath, attributes: FileAttributes): Promise<void> {
    await this.client.setstat(await this.path(path), attributes);
  }

  /** Sets attributes of a symlink itself (`lsetstat@openssh.com`). */
  async lsetStat(path: RemotePath, attributes: FileAttributes): Promise<void> {
    await this.client.lsetstat(await this.path(path), attributes);
  }

  chmod(path: RemotePath, mode: number): Promise<void> {
    return this.setStat(path, { permissions: mode & 0o7777 });
  }

  chown(path: RemotePath, uid: number, gid: number): Promise<void> {
    return this.setStat(path, { uid, gid });
  }

  utimes(path: RemotePath, atime: TimeLike, mtime: TimeLike): Promise<void> {
    return this.setStat(path, toAttributeTimes(atime, mtime));
  }

  /** A symlink's target. */
  async readlink(path: RemotePath): Promise<string>;
  async readlink(path: RemotePath, options: { encoding: 'buffer' }): Promise<Uint8Array>;
  async readlink(
    path: RemotePath,
    options?: { encoding?: 'buffer' },
  ): Promise<string | Uint8Array> {
    return inEncoding(await this.client.readlink(await this.path(path)), options);
  }

  /** The canonical absolute path (`.` is the start directory, usually home). */
  async realpath(path: RemotePath): Promise<string>;
  async realpath(path: RemotePath, options: { encoding: 'buffer' }): Promise<Uint8Array>;
  async realpath(
    path: RemotePath,
    options?: { encoding?: 'buffer' },
  ): Promise<string | Uint8Array> {
    return inEncoding(await this.client.realpath(await this.path(path)), options);
  }

  /** File system statistics (`statvfs@openssh.com`). */
  async statvfs(path: RemotePath): Promise<StatVfs> {
    return this.client.statvfs(await this.path(path));
  }

  /**
   * A user's home directory (default: the login user), via
   * `expand-path@openssh.com` or `home-directory`.
   */
  async homeDirectory(user = ''): Promise<string> {
    // OpenSSH before 9.3 answers home-directory with an empty name by
    // failing, so the login user's home goes through `~` expansion.
    return decodeLenient(await this.tilde.resolve(pathToBytes(`~${user}`)));
  }

  /** Names for uids and gids (`users-groups-by-id@openssh.com`); unknown ids give ''. */
  usersGroupsById(
    uids: readonly number[],
    gids: readonly number[],
  ): Promise<{ users: string[]; groups: string[] }> {
    return this.client.usersGroupsById(uids, gids);
  }
}

/** A name from the server as asked: its bytes, or text (not UTF-8: decoded leniently). */
function inEncoding(name: Uint8Array, options?: { encoding?: 'buffer' }): string | Uint8Array {
  return options?.encoding === 'buffer' ? name : decodeLenient(name);
}
