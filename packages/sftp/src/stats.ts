import type { ExtendedAttribute, FileAttributes } from './attributes.js';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const S_IFIFO = 0o010000;
const S_IFSOCK = 0o140000;
const S_IFCHR = 0o020000;
const S_IFBLK = 0o060000;

/**
 * A remote file's attributes in the shape of `fs.Stats`. Fields the server
 * did not send are `undefined` (SFTP makes every attribute optional); the
 * `is*()` tests are false when the mode is unknown.
 */
export class SftpStats {
  /**
   * Size in bytes (ATTRS `size`, a uint64: exact up to 2^53-1; a larger
   * one is a `protocol` error).
   */
  readonly size: number | undefined;
  /** Numeric owner id (uint32); {@link Sftp.usersGroupsById} gives its name. */
  readonly uid: number | undefined;
  /** Numeric group id (uint32). */
  readonly gid: number | undefined;
  /**
   * `st_mode`: file type bits (`& 0o170000`) and permission bits
   * (`& 0o7777`), from the ATTRS `permissions` field
   * (draft-ietf-secsh-filexfer-02 §5), which OpenSSH fills with the whole
   * `st_mode`.
   */
  readonly mode: number | undefined;
  /** Access time in ms since the epoch (SFTP v3 has whole seconds). */
  readonly atimeMs: number | undefined;
  /** Modification time in ms since the epoch. */
  readonly mtimeMs: number | undefined;
  /** Vendor-specific attributes (ATTRS extended pairs); empty when none, as from OpenSSH. */
  readonly extended: readonly ExtendedAttribute[];

  /** Wraps decoded ATTRS; `Sftp.stat` and friends make these. */
  constructor(attributes: FileAttributes) {
    this.size = attributes.size;
    this.uid = attributes.uid;
    this.gid = attributes.gid;
    this.mode = attributes.permissions;
    this.atimeMs = attributes.atime === undefined ? undefined : attributes.atime * 1000;
    this.mtimeMs = attributes.mtime === undefined ? undefined : attributes.mtime * 1000;
    this.extended = attributes.extended ?? [];
  }

  /** Last access time as a Date (whole seconds); undefined when not sent. */
  get atime(): Date | undefined {
    return this.atimeMs === undefined ? undefined : new Date(this.atimeMs);
  }

  /** Last modification time as a Date (whole seconds); undefined when not sent. */
  get mtime(): Date | undefined {
    return this.mtimeMs === undefined ? undefined : new Date(this.mtimeMs);
  }

  private hasType(type: number): boolean {
    return this.mode !== undefined && (this.mode & S_IFMT) === type;
  }

  /** A regular file (`S_IFREG`). */
  isFile(): boolean {
    return this.hasType(S_IFREG);
  }

  /** A directory (`S_IFDIR`). */
  isDirectory(): boolean {
    return this.hasType(S_IFDIR);
  }

  /**
   * A symbolic link (`S_IFLNK`); only from `lstat` or a directory listing,
   * since `stat` follows links.
   */
  isSymbolicLink(): boolean {
    return this.hasType(S_IFLNK);
  }

  /** A named pipe (`S_IFIFO`). */
  isFIFO(): boolean {
    return this.hasType(S_IFIFO);
  }

  /** A Unix domain socket (`S_IFSOCK`). */
  isSocket(): boolean {
    return this.hasType(S_IFSOCK);
  }

  /** A character device (`S_IFCHR`). */
  isCharacterDevice(): boolean {
    return this.hasType(S_IFCHR);
  }

  /** A block device (`S_IFBLK`). */
  isBlockDevice(): boolean {
    return this.hasType(S_IFBLK);
  }
}
