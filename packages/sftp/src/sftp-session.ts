import type { Readable, Writable } from 'node:stream';

/**
 * The part of a session-core `RemoteChild` that SFTP uses: the subsystem's
 * stdio and a way to learn that it ended or to drop it.
 */
export interface SftpChild {
  /**
   * The subsystem's stdin, where the client writes its requests; null when
   * not piped (`Sftp.connect` then fails with `protocol`).
   */
  readonly stdin: Writable | null;
  /**
   * The subsystem's stdout, where the server's replies arrive; null when
   * not piped (`Sftp.connect` then fails with `protocol`).
   */
  readonly stdout: Readable | null;
  /** Settles when the subsystem ends (either way). */
  wait(): Promise<unknown>;
  /** Stops caring about the subsystem and releases its channel. */
  disconnect(): void;
}

/** The part of a session-core `Command` that SFTP uses. */
export interface SftpCommand {
  /** Pipes the subsystem's stdin, for the client's requests. */
  stdin(option: 'pipe'): SftpCommand;
  /** Pipes the subsystem's stdout, for the server's replies. */
  stdout(option: 'pipe'): SftpCommand;
  /** Discards the subsystem's stderr (sftp-server logs there). */
  stderr(option: 'null'): SftpCommand;
  /**
   * Starts the subsystem on its own channel. A rejection (e.g. session-core's
   * `SshError` for a dead session) reaches the caller of `Sftp.connect` as
   * the `cause` of a `connection-lost` error.
   */
  spawn(): Promise<SftpChild>;
}

/**
 * What `Sftp.connect` needs from a session: a subsystem command. session-core's
 * `Session` satisfies it; so can anything else that opens an `sftp`
 * subsystem.
 */
export interface SftpSession {
  /** A command that runs the server's subsystem `name`; `Sftp.connect` asks for `'sftp'`. */
  subsystem(name: string): SftpCommand;
}
