import {
  SSH_FX_BAD_MESSAGE,
  SSH_FX_CONNECTION_LOST,
  SSH_FX_EOF,
  SSH_FX_FAILURE,
  SSH_FX_NO_CONNECTION,
  SSH_FX_NO_SUCH_FILE,
  SSH_FX_OP_UNSUPPORTED,
  SSH_FX_PERMISSION_DENIED,
} from './constants.js';

const BRAND = Symbol.for('openssh-ts.SftpError');

/**
 * What went wrong, as a stable string.
 *
 * From the server's SSH_FXP_STATUS (draft-ietf-secsh-filexfer-02 §7):
 * - `eof`: end of file or directory where data was required.
 * - `no-such-file`: the path does not exist (OpenSSH also maps ENOTDIR, ELOOP).
 * - `permission-denied`: EPERM / EACCES on the server.
 * - `failure`: any other server-side failure (e.g. EEXIST, ENOTEMPTY, ENOSPC).
 * - `bad-message`: the server found the request malformed (or EINVAL).
 * - `no-connection`, `connection-lost`: as reported by the server.
 * - `op-unsupported`: the server does not implement the operation.
 * - `unknown-status`: a status code outside version 3.
 *
 * Raised by this client:
 * - `connection-lost` also: the subsystem's streams ended or failed, or the
 *   session died; every pending operation gets it.
 * - `protocol`: the server sent something malformed, oversized or unexpected.
 * - `closed`: the Sftp instance (or file handle) was closed by the caller.
 * - `unsupported`: the server did not advertise the extension that is needed.
 * - `invalid-argument`: the caller's input cannot be expressed (NUL in a path,
 *   negative offset, ...).
 * - `aborted`: the caller's AbortSignal fired.
 * - `local-io`: a local file operation of fastGet/fastPut failed (see `cause`).
 */
export type SftpErrorCode =
  | 'eof'
  | 'no-such-file'
  | 'permission-denied'
  | 'failure'
  | 'bad-message'
  | 'no-connection'
  | 'connection-lost'
  | 'op-unsupported'
  | 'unknown-status'
  | 'protocol'
  | 'closed'
  | 'unsupported'
  | 'invalid-argument'
  | 'aborted'
  | 'local-io';

/** Everything an {@link SftpError} may carry besides its code and message. */
export interface SftpErrorDetails {
  /** The underlying error (e.g. Node's for `local-io`), kept as the standard `Error.cause`. */
  readonly cause?: unknown;
  /** The path the operation was about (decoded as UTF-8 if bytes); see {@link SftpError.path}. */
  readonly path?: string;
  /** Second path of two-path operations (rename, link, symlink, copy). */
  readonly destination?: string;
  /** The SFTP status code, when the error came from the server. */
  readonly status?: number;
  /** The server's own message, when it sent one. */
  readonly serverMessage?: string;
  /** The operation, e.g. `open` or `posix-rename@openssh.com`. */
  readonly operation?: string;
  /**
   * A partial file a cut-off transfer left behind because it could not be
   * removed: on the server after `fastPut` (the connection was gone), or
   * locally after `fastGet`. Never the final name.
   */
  readonly partial?: string;
}

/**
 * The error class of `@openssh-ts/sftp`. Check `code`; `SftpError.isInstance`
 * also works across duplicate installs. Shaped like session-core's
 * `SshError` (`kind` is always `'sftp'`), so code that logs `kind` and
 * `message` handles both.
 */
export class SftpError extends Error {
  /** Always `'SftpError'`. */
  override readonly name = 'SftpError';
  /** Always `'sftp'`; lets a handler of `SshError`-like values tell this one apart. */
  readonly kind = 'sftp';
  /** What went wrong; see {@link SftpErrorCode}. The field to branch on. */
  readonly code: SftpErrorCode;
  /**
   * The path the operation was about, as text (bytes decoded as UTF-8,
   * invalid sequences as U+FFFD): the remote path as sent to the server
   * (a leading `~` expanded; as given for errors raised before a request),
   * or the local one of a `local-io` error. Often undefined when the failed
   * request named only an open handle (READ, WRITE, FSTAT, CLOSE).
   */
  readonly path: string | undefined;
  /**
   * The second path of a two-path operation: the new name of a rename, the
   * existing file of a hard link, the target of a symlink.
   */
  readonly destination: string | undefined;
  /**
   * The SSH_FX_* status code (draft-ietf-secsh-filexfer-02 §7), when the
   * server answered with a failure status; undefined for errors raised by
   * this client.
   */
  readonly status: number | undefined;
  /**
   * The server's own message from its status reply (`''` when it gave
   * none); undefined for errors raised by this client.
   */
  readonly serverMessage: string | undefined;
  /**
   * The operation: the request (e.g. `open`, `setstat`), the extension
   * (e.g. `posix-rename@openssh.com`), `connect`, or the local step of a
   * fastGet/fastPut (`open`, `read`, `write`, `rename`).
   */
  readonly operation: string | undefined;
  /**
   * A partial file a cut-off fastGet/fastPut left behind because it could
   * not be removed (locally, or on the server when the connection was
   * gone); never the destination itself. Remove it yourself.
   */
  readonly partial: string | undefined;
  private readonly [BRAND] = true;

  constructor(code: SftpErrorCode, message: string, details: SftpErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.path = details.path;
    this.destination = details.destination;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.operation = details.operation;
    this.partial = details.partial;
  }

  /** Whether `value` is an SftpError from any copy of this package. */
  static isInstance(value: unknown): value is SftpError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

/** Whether `error` is an {@link SftpError} with `code`, e.g. to tolerate a missing path. */
export function hasErrorCode(error: unknown, code: SftpErrorCode): error is SftpError {
  return SftpError.isInstance(error) && error.code === code;
}

/**
 * `error` naming the partial file a cut-off transfer left at `partial`;
 * errors other than {@link SftpError} are wrapped as `local-io`.
 */
export function withPartial(error: unknown, partial: string): SftpError {
  const message = `${error instanceof Error ? error.message : String(error)}; the partial file ${partial} could not be removed`;
  if (!SftpError.isInstance(error))
    return new SftpError('local-io', message, { cause: error, partial });
  return new SftpError(error.code, message, {
    cause: error,
    partial,
    ...(error.path === undefined ? {} : { path: error.path }),
    ...(error.destination === undefined ? {} : { destination: error.destination }),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.serverMessage === undefined ? {} : { serverMessage: error.serverMessage }),
    ...(error.operation === undefined ? {} : { operation: error.operation }),
  });
}

/** Maps an SSH_FXP_STATUS code (other than OK) to an {@link SftpErrorCode}. */
export function statusToCode(status: number): SftpErrorCode {
  switch (status) {
    case SSH_FX_EOF:
      return 'eof';
    case SSH_FX_NO_SUCH_FILE:
      return 'no-such-file';
    case SSH_FX_PERMISSION_DENIED:
      return 'permission-denied';
    case SSH_FX_FAILURE:
      return 'failure';
    case SSH_FX_BAD_MESSAGE:
      return 'bad-message';
    case SSH_FX_NO_CONNECTION:
      return 'no-connection';
    case SSH_FX_CONNECTION_LOST:
      return 'connection-lost';
    case SSH_FX_OP_UNSUPPORTED:
      return 'op-unsupported';
    default:
      return 'unknown-status';
  }
}
