import type { Readable, Writable } from 'node:stream';

/**
 * The part of a session-core `RemoteChild` that SFTP uses: the subsystem's
 * stdio and a way to learn that it ended or to drop it.
 */
export interface SftpChild {
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  /** Settles when the subsystem ends (either way). */
  wait(): Promise<unknown>;
  /** Stops caring about the subsystem and releases its channel. */
  disconnect(): void;
}

/** The part of a session-core `Command` that SFTP uses. */
export interface SftpCommand {
  stdin(option: 'pipe'): SftpCommand;
  stdout(option: 'pipe'): SftpCommand;
  stderr(option: 'null'): SftpCommand;
  spawn(): Promise<SftpChild>;
}

/**
 * What `Sftp.connect` needs from a session: a subsystem command. session-core's
 * `Session` satisfies it; so can anything else that opens an `sftp`
 * subsystem.
 */
export interface SftpSession {
  subsystem(name: string): SftpCommand;
}
