import {
  SSH_FXF_APPEND,
  SSH_FXF_CREAT,
  SSH_FXF_EXCL,
  SSH_FXF_READ,
  SSH_FXF_TRUNC,
  SSH_FXF_WRITE,
} from './constants.js';
import { SftpError } from './sftp-error.js';

/** Open flags as in `fs.open`: `'r'`, `'r+'`, `'w'`, `'wx'`, `'w+'`, `'wx+'`, `'a'`, `'ax'`, `'a+'`, `'ax+'`. */
export type OpenFlags = 'r' | 'r+' | 'w' | 'wx' | 'w+' | 'wx+' | 'a' | 'ax' | 'a+' | 'ax+';

const FLAGS: Readonly<Record<OpenFlags, number>> = {
  r: SSH_FXF_READ,
  'r+': SSH_FXF_READ | SSH_FXF_WRITE,
  w: SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_TRUNC,
  wx: SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_EXCL,
  'w+': SSH_FXF_READ | SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_TRUNC,
  'wx+': SSH_FXF_READ | SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_EXCL,
  a: SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_APPEND,
  ax: SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_APPEND | SSH_FXF_EXCL,
  'a+': SSH_FXF_READ | SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_APPEND,
  'ax+': SSH_FXF_READ | SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_APPEND | SSH_FXF_EXCL,
};

/** SFTP pflags for `fs`-style flags; a number is taken as pflags already. */
export function toPflags(flags: OpenFlags | number): number {
  if (typeof flags === 'number') {
    if (!Number.isInteger(flags) || flags < 0 || flags > 0x3f) {
      throw new SftpError('invalid-argument', `invalid SFTP open flags ${flags}`);
    }
    return flags;
  }
  const pflags = (FLAGS as Record<string, number | undefined>)[flags];
  if (pflags === undefined)
    throw new SftpError('invalid-argument', `invalid open flags '${String(flags)}'`);
  return pflags;
}

/** Whether writes with these pflags go to the end of the file whatever the offset. */
export function isAppend(pflags: number): boolean {
  return (pflags & SSH_FXF_APPEND) !== 0;
}
