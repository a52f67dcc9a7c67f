import { SftpError } from './sftp-error.js';

/**
 * A time as `fs.utimes` takes it: a `Date`, or a number of seconds since
 * the epoch (not milliseconds). Fractions of a second are dropped: SFTP v3
 * carries whole seconds as a uint32 (1970 to 2106).
 */
export type TimeLike = Date | number;

function toSeconds(time: TimeLike, name: string): number {
  const seconds = time instanceof Date ? Math.floor(time.getTime() / 1000) : Math.floor(time);
  // SFTP v3 carries times as uint32 seconds.
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 0xffffffff) {
    throw new SftpError(
      'invalid-argument',
      `${name} cannot be expressed in SFTP v3: ${String(time)}`,
    );
  }
  return seconds;
}

/** `atime`/`mtime` attributes from Dates or epoch seconds (as `fs.utimes`). */
export function toAttributeTimes(
  atime: TimeLike,
  mtime: TimeLike,
): { atime: number; mtime: number } {
  return { atime: toSeconds(atime, 'atime'), mtime: toSeconds(mtime, 'mtime') };
}
