const BRAND = Symbol.for('openssh-ts.SshError');

/**
 * What went wrong, as a stable string. Mirrors the Rust crate's `Error`
 * variants, extended:
 *
 * - `master`: the ControlMaster failed (could not start, or died).
 * - `connect`: the initial connection failed; see {@link SshError.reason}.
 * - `ssh`: running the local `ssh` program failed (not found, spawn error).
 * - `mux`: the mux protocol or a proxy-mode packet was violated.
 * - `invalid-command`: the command could not be expressed (NUL byte, bad env name, ...).
 * - `remote`: the remote side refused or failed the command (e.g. exit 127: not found).
 * - `disconnected`: the connection to the master or the server was lost.
 * - `remote-process-terminated`: the remote process ended without an exit status.
 * - `cleanup`: closing the session did not clean up fully.
 * - `child-io`: reading or writing a child's stdio failed.
 * - `command-has-env`: a local command's environment cannot be carried over.
 * - `command-has-cwd`: a local command's working directory cannot be carried over.
 * - `aborted`: the caller's AbortSignal fired or a timeout elapsed.
 * - `forward`: a port forward could not be opened or closed.
 * - `unsupported`: the transport cannot do what was asked (e.g. `kill` on the process transport).
 * - `unsupported-shell`: the remote login shell is one whose quoting openssh-ts
 *   cannot guarantee (csh/tcsh, nushell, cmd.exe, PowerShell); see
 *   {@link SshError.remoteShell}. Nothing was run.
 */
export type SshErrorKind =
  | 'master'
  | 'connect'
  | 'ssh'
  | 'mux'
  | 'invalid-command'
  | 'remote'
  | 'disconnected'
  | 'remote-process-terminated'
  | 'cleanup'
  | 'child-io'
  | 'command-has-env'
  | 'command-has-cwd'
  | 'aborted'
  | 'forward'
  | 'unsupported'
  | 'unsupported-shell';

/**
 * Why a connection could not be made, read from ssh's own message.
 * `host-key-unknown`: known_hosts has no key for the host and checking is
 * strict; `host-key-mismatch`: the host's key differs from (or is revoked
 * in) known_hosts.
 */
export type ConnectFailureReason =
  | 'permission-denied'
  | 'connection-refused'
  | 'timed-out'
  | 'host-unresolved'
  | 'host-key-unknown'
  | 'host-key-mismatch'
  | 'network-unreachable'
  | 'other';

/** Why the remote side failed a command. */
export type RemoteFailureReason = 'not-found' | 'not-executable' | 'other';

/** Everything an {@link SshError} may carry besides its kind and message. */
export interface SshErrorDetails {
  /** The underlying error (a spawn failure, a socket error...), as for `Error.cause`. */
  readonly cause?: unknown;
  /** For `connect`: why, as read from ssh's message. */
  readonly reason?: ConnectFailureReason | RemoteFailureReason;
  /** The command line as sent (already quoted). */
  readonly command?: string;
  /** Remote exit code, when one was received. */
  readonly exitCode?: number | null;
  /** Remote signal name (without `SIG`), when the remote process was killed. */
  readonly signal?: string | null;
  /** Output collected so far, when the caller asked for it. */
  readonly stdout?: Uint8Array;
  /** Remote stderr collected so far, when the caller asked for it. */
  readonly stderr?: Uint8Array;
  /** ssh's own diagnostic (stderr or master log excerpt). */
  readonly sshOutput?: string;
  /** For `unsupported-shell`: the login shell, as far as the probe could tell (e.g. `/bin/tcsh`). */
  readonly remoteShell?: string;
}

/**
 * The one error class of openssh-ts. Check `kind` to tell failures apart;
 * `SshError.isInstance(value)` also works across duplicate installs of the
 * package, where `instanceof` would not.
 */
export class SshError extends Error {
  /** Always `'SshError'`. */
  override readonly name = 'SshError';
  /** What failed; tells failures apart (see {@link SshErrorKind}). */
  readonly kind: SshErrorKind;
  /** For `connect` and `remote`: why, when it could be told (else undefined). */
  readonly reason: ConnectFailureReason | RemoteFailureReason | undefined;
  /** The command line as sent (already quoted), for errors about one command. */
  readonly command: string | undefined;
  /** Remote exit code when one was received; null when a signal ended the command. */
  readonly exitCode: number | null | undefined;
  /** Remote signal name (without `SIG`) when the remote process was killed. */
  readonly signal: string | null | undefined;
  /** Remote stdout collected before the failure, when the caller asked for output. */
  readonly stdout: Uint8Array | undefined;
  /** Remote stderr collected before the failure, when the caller asked for output. */
  readonly stderr: Uint8Array | undefined;
  /** ssh's own diagnostic (its stderr or an excerpt of the master log). */
  readonly sshOutput: string | undefined;
  /** For `unsupported-shell`: the login shell as far as the probe could tell. */
  readonly remoteShell: string | undefined;
  private readonly [BRAND] = true;

  constructor(kind: SshErrorKind, message: string, details: SshErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.reason = details.reason;
    this.command = details.command;
    this.exitCode = details.exitCode;
    this.signal = details.signal;
    this.stdout = details.stdout;
    this.stderr = details.stderr;
    this.sshOutput = details.sshOutput;
    this.remoteShell = details.remoteShell;
  }

  /** Whether `value` is an SshError from any copy of this package. */
  static isInstance(value: unknown): value is SshError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
