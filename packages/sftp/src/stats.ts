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
  readonly size: number | undefined;
  readonly uid: number | undefined;
  readonly gid: number | undefined;
  /** `st_mode`: type and permission bits. */
  readonly mode: number | undefined;
  /** Access time in ms since the epoch (SFTP v3 has whole seconds). */
  readonly atimeMs: number | undefined;
  /** Modification time in ms since the epoch. */
  readonly mtimeMs: number | undefined;
  readonly extended: readonly ExtendedAttribute[];

  constructor(attributes: FileAttributes) {
    this.size = attributes.size;
    this.uid = attributes.uid;
    this.gid = attributes.gid;
    this.mode = attributes.permissions;
    this.atimeMs = attributes.atime === undefined ? undefined : attributes.atime * 1000;
    this.mtimeMs = attributes.mtime === undefined ? undefined : attributes.mtime * 1000;
    this.extended = attributes.extended ?? [];
  }

  get atime(): Date | undefined {
    return this.atimeMs === undefined ? undefined : new Date(this.atimeMs);
  }

  get mtime(): Date | undefined {
    return this.mtimeMs === undefined ? undefined : new Date(this.mtimeMs);
  }

  private hasType(type: number): boolean {
    return this.mode !== undefined && (this.mode & S_IFMT) === type;
  }

  isFile(): boolean {
    return this.hasType(S_IFREG);
  }

  isDirectory(): boolean {
    return this.hasType(S_IFDIR);
  }

  isSymbolicLink(): boolean {
    return this.hasType(S_IFLNK);
  }

  isFIFO(): boolean {
    return this.hasType(S_IFIFO);
  }

  isSocket(): boolean {
    return this.hasType(S_IFSOCK);
  }

  isCharacterDevice(): boolean {
    return this.hasType(S_IFCHR);
  }

  isBlockDevice(): boolean {
    return this.hasType(S_IFBLK);
  }
}
