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
  /**
   * Attributes of `path`, following symlinks: SSH_FXP_STAT
   * (draft-ietf-secsh-filexfer-02 §6.8). Rejects with `no-such-file` when
   * nothing is there.
   */
  async stat(path: RemotePath): Promise<SftpStats> {
    return new SftpStats(await this.client.stat(await this.path(path)));
  }

  /**
   * Attributes of `path` without following a final symlink (the link
   * itself): SSH_FXP_LSTAT (draft §6.8).
   */
  async lstat(path: RemotePath): Promise<SftpStats> {
    return new SftpStats(await this.client.lstat(await this.path(path)));
  }

  /**
   * Whether a path exists, following symlinks (one SSH_FXP_STAT): a
   * `no-such-file` answer is false (a dangling symlink too); any other
   * error, e.g. `permission-denied`, rejects.
   */
  async exists(path: RemotePath): Promise<boolean> {
    try {
      await this.stat(path);
      return true;
    } catch (error) {
      if (hasErrorCode(error, 'no-such-file')) return false;
      throw error;
    }
  }

  /**
   * Sets any of size, owner, mode and times of `path`, following symlinks:
   * SSH_FXP_SETSTAT (draft §6.9). Fields left out are not changed; `size`
   * truncates or extends the file. Rejects with `invalid-argument` when
   * only one of `uid`/`gid` or `atime`/`mtime` is given or a value does not
   * fit a uint32.
   */
  async setStat(path: RemotePath, attributes: FileAttributes): Promise<void> {
    await this.client.setstat(await this.path(path), attributes);
  }

  /**
   * Like {@link Sftp.setStat} on a symlink itself, not its target:
   * `lsetstat@openssh.com` (OpenSSH PROTOCOL §4.7); `unsupported` when the
   * server does not offer it.
   */
  async lsetStat(path: RemotePath, attributes: FileAttributes): Promise<void> {
    await this.client.lsetstat(await this.path(path), attributes);
  }

  /**
   * Sets the permission bits, following symlinks, as `fs.chmod`: an
   * SSH_FXP_SETSTAT (draft §6.9) of `mode & 0o7777` (the permission,
   * setuid, setgid and sticky bits; file type bits are dropped).
   */
  chmod(path: RemotePath, mode: number): Promise<void> {
    return this.setStat(path, { permissions: mode & 0o7777 });
  }

  /**
   * Sets the numeric owner and group, following symlinks, as `fs.chown`:
   * an SSH_FXP_SETSTAT (draft §6.9) of both (SFTP v3 sends them as a
   * pair). Each must be an integer in 0..2^32-1, else `invalid-argument`;
   * changing the owner usually needs root on the server
   * (`permission-denied` otherwise).
   */
  chown(path: RemotePath, uid: number, gid: number): Promise<void> {
    return this.setStat(path, { uid, gid });
  }

  /**
   * Sets access and modification times, following symlinks, as `fs.utimes`:
   * an SSH_FXP_SETSTAT (draft §6.9) of both. SFTP v3 carries whole seconds
   * since the epoch as uint32 (1970 to 2106): fractions are dropped, and a
   * time outside that range throws `invalid-argument` before any request
   * is sent.
   */
  utimes(path: RemotePath, atime: TimeLike, mtime: TimeLike): Promise<void> {
    return this.setStat(path, toAttributeTimes(atime, mtime));
  }

  /**
   * A symlink's target, as stored (not resolved): SSH_FXP_READLINK
   * (draft §6.10). Text is decoded as UTF-8 (invalid bytes become U+FFFD);
   * `{ encoding: 'buffer' }` returns the exact bytes. Rejects with
   * `no-such-file` for a missing path and, from OpenSSH, `bad-message` (its
   * mapping of EINVAL) when `path` is not a symlink.
   */
  async readlink(path: RemotePath): Promise<string>;
  async readlink(path: RemotePath, options: { encoding: 'buffer' }): Promise<Uint8Array>;
  async readlink(
    path: RemotePath,
    options?: { encoding?: 'buffer' },
  ): Promise<string | Uint8Array> {
    return inEncoding(await this.client.readlink(await this.path(path)), options);
  }

  /**
   * The canonical absolute path, `..` and symlinks resolved:
   * SSH_FXP_REALPATH (draft §6.11). `.` is the server's start directory,
   * the login user's home on OpenSSH. `{ encoding: 'buffer' }` returns the
   * exact bytes.
   */
  async realpath(path: RemotePath): Promise<string>;
  async realpath(path: RemotePath, options: { encoding: 'buffer' }): Promise<Uint8Array>;
  async realpath(
    path: RemotePath,
    options?: { encoding?: 'buffer' },
  ): Promise<string | Uint8Array> {
    return inEncoding(await this.client.realpath(await this.path(path)), options);
  }

  /**
   * Statistics of the file system holding `path`: `statvfs@openssh.com`
   * (OpenSSH PROTOCOL §4.4); `unsupported` when the server does not offer it.
   */
  async statvfs(path: RemotePath): Promise<StatVfs> {
    return this.client.statvfs(await this.path(path));
  }

  /**
   * A user's home directory (default `''`: the login user), via
   * `expand-path@openssh.com` of `~user` (OpenSSH PROTOCOL §4.9) or else
   * `home-directory` (§4.11). When the server offers neither, the login
   * user's is `'.'` (the start directory, which OpenSSH sets to the home)
   * and another user's rejects with `unsupported`. An unknown user rejects
   * with `no-such-file` from OpenSSH's expand-path (`failure` from
   * home-directory).
   */
  async homeDirectory(user = ''): Promise<string> {
    // OpenSSH before 9.3 answers home-directory with an empty name by
    // failing, so the login user's home goes through `~` expansion.
    return decodeLenient(await this.tilde.resolve(pathToBytes(`~${user}`)));
  }

  /**
   * Names for numeric user and group ids, in one round trip:
   * `users-groups-by-id@openssh.com` (OpenSSH PROTOCOL §4.12). Rejects with
   * `unsupported` when the server does not offer it, `protocol` when it
   * answers with a different number of names.
   */
  usersGroupsById(
    uids: readonly number[],
    gids: readonly number[],
  ): Promise<{
    /** The user name of each of `uids`, in order; `''` where the server knows none. */
    users: string[];
    /** The group name of each of `gids`, in order; `''` where the server knows none. */
    groups: string[];
  }> {
    return this.client.usersGroupsById(uids, gids);
  }
}

/** A name from the server as asked: its bytes, or text (not UTF-8: decoded leniently). */
function inEncoding(name: Uint8Array, options?: { encoding?: 'buffer' }): string | Uint8Array {
  return options?.encoding === 'buffer' ? name : decodeLenient(name);
}
