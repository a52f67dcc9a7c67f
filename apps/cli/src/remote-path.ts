// scp-style `destination:path` operands of `ossh get`, `put` and `ls`.
import { UsageError } from './usage-error.js';

/** A path on a remote host: where to connect and which path there. */
export interface RemotePath {
  /** Destination as `Session.connect` takes it: `host`, `user@host`, `[v6addr]`. */
  readonly destination: string;
  /** Path on the remote host; `.` (the login directory) when written empty. */
  readonly path: string;
}

/**
 * Reads `dest:path` as scp does: `web-1:/etc/hosts`, `deploy@web-1:logs`,
 * `[::1]:/tmp/x`. Returns undefined for an operand that is a local path —
 * one with no ':' or with a '/' before its first ':' (`./a:b`, `/tmp/x:y`).
 *
 * @throws {@link UsageError} for an unclosed `[` or an empty destination.
 */
export function parseRemotePath(operand: string): RemotePath | undefined {
  if (operand.startsWith('[') || /^[^@/[]*@\[/.test(operand)) {
    const close = operand.indexOf(']');
    if (close === -1) {
      throw new UsageError(`"${operand}" has an opening "[" without a closing "]"`);
    }
    if (operand[close + 1] !== ':') return undefined;
    return { destination: operand.slice(0, close + 1), path: operand.slice(close + 2) || '.' };
  }
  const colon = operand.indexOf(':');
  if (colon === -1) return undefined;
  const slash = operand.indexOf('/');
  if (slash !== -1 && slash < colon) return undefined;
  if (colon === 0) throw new UsageError(`"${operand}" has an empty destination before ":"`);
  return { destination: operand.slice(0, colon), path: operand.slice(colon + 1) || '.' };
}

/**
 * Like {@link parseRemotePath}, for an operand that must be remote.
 *
 * @param role - how the operand is named in the message, e.g. `source`.
 */
export function requireRemotePath(operand: string, role: string): RemotePath {
  const remote = parseRemotePath(operand);
  if (remote === undefined) {
    throw new UsageError(
      `the ${role} "${operand}" is not remote`,
      'write it as destination:path, e.g. web-1:/var/log/syslog',
    );
  }
  return remote;
}
