import { decodeLenient, decodeStrict } from './path-bytes.js';
import type { NameEntry } from './responses.js';
import { SftpStats } from './stats.js';

/**
 * One directory entry, like `fs.Dirent`, plus the attributes the server sent
 * with it (OpenSSH sends lstat results, so symlinks are not followed).
 */
export class SftpDirent {
  /** The name as text; invalid UTF-8 shows as U+FFFD (use `nameBytes` to address the file). */
  readonly name: string;
  /** The name exactly as the server sent it. */
  readonly nameBytes: Uint8Array;
  /** Whether `name` is the exact name (it was valid UTF-8). */
  readonly nameIsExact: boolean;
  /** The server's `ls -l`-style line (informational, format not standardised). */
  readonly longname: string;
  /**
   * The attributes the server sent with the entry in its SSH_FXP_NAME reply
   * (no extra request); OpenSSH's are the entry's lstat, so a symlink is
   * described, not its target.
   */
  readonly stats: SftpStats;

  /** Wraps one entry of a READDIR reply; `Sftp.readdir` and `opendir` make these. */
  constructor(entry: NameEntry) {
    this.nameBytes = entry.filename;
    const exact = decodeStrict(entry.filename);
    this.name = exact ?? decodeLenient(entry.filename);
    this.nameIsExact = exact !== undefined;
    this.longname = decodeLenient(entry.longname);
    this.stats = new SftpStats(entry.attributes);
  }

  /** The entry is a regular file (false when the server sent no mode). */
  isFile(): boolean {
    return this.stats.isFile();
  }

  /** The entry is a directory (false when the server sent no mode). */
  isDirectory(): boolean {
    return this.stats.isDirectory();
  }

  /** The entry itself is a symbolic link (false when the server sent no mode). */
  isSymbolicLink(): boolean {
    return this.stats.isSymbolicLink();
  }
}

/** Whether a name is `.` or `..`, which `readdir` leaves out as `fs.readdir` does. */
export function isDotEntry(name: Uint8Array): boolean {
  return (
    (name.byteLength === 1 && name[0] === 0x2e) ||
    (name.byteLength === 2 && name[0] === 0x2e && name[1] === 0x2e)
  );
}
