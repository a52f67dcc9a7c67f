import type { Readable, Writable } from 'node:stream';
import { StreamCollector } from './collect-stream.js';
import { exitStatus, type ExitStatus } from './exit-status.js';
import { SshError } from './ssh-error.js';
import { checkTerminalSize } from './terminal-size.js';
import type { TerminalSize, TransportChild, TransportExit } from './transport.js';
import type { Session } from './session.js';

/** What `output()` and `waitWithOutput()` give back. */
export interface CommandOutput {
  /** How the command ended. */
  readonly status: ExitStatus;
  /** Remote stdout, empty unless it was `'pipe'`. */
  readonly stdout: Buffer;
  /** Remote stderr, empty unless it was `'pipe'`. */
  readonly stderr: Buffer;
}

/** @internal What a Command hands its child. */
export interface RemoteChildInit {
  readonly child: TransportChild;
  readonly session: Session;
  /** The command line as sent (or `subsystem <name>`), for errors. */
  readonly commandText: string;
  /** Fires on the caller's abort or timeout; `reason` is what wait() rejects with. */
  readonly signal: AbortSignal | undefined;
  readonly canSignal: boolean;
  /** Whether the command was spawned with a pseudo-terminal; false when absent. */
  readonly pty?: boolean;
}

/** Copies `error` with the command and partial output attached. */
function withContext(
  error: unknown,
  command: string,
  output?: { stdout: Buffer; stderr: Buffer },
): unknown {
  if (!SshError.isInstance(error)) return error;
  return new SshError(error.kind, error.message, {
    cause: error.cause,
    ...(error.reason === undefined ? {} : { reason: error.reason }),
    command,
    ...(error.exitCode === undefined ? {} : { exitCode: error.exitCode }),
    ...(error.signal === undefined ? {} : { signal: error.signal }),
    ...(error.sshOutput === undefined ? {} : { sshOutput: error.sshOutput }),
    ...(output ?? {}),
  });
}

/**
 * A running remote command. Its stdio streams are Node streams with
 * backpressure (and async-iterable); a stream is null unless that slot was
 * `'pipe'`. Like the Rust crate's `RemoteChild`, exit code 127 is reported
 * as `SshError('remote', { reason: 'not-found' })`.
 */
export class RemoteChild {
  /** Remote stdin when it was `'pipe'`; end it to send EOF. */
  readonly stdin: Writable | null;
  /** Remote stdout when it was `'pipe'`. */
  readonly stdout: Readable | null;
  /** Remote stderr when it was `'pipe'`. */
  readonly stderr: Readable | null;
  /** The session this command runs on. */
  readonly session: Session;
  /** The command line as sent (already quoted), or `subsystem <name>`. */
  readonly command: string;
  readonly #child: TransportChild;
  readonly #signal: AbortSignal | undefined;
  readonly #canSignal: boolean;
  readonly #pty: boolean;
  #waiting: Promise<ExitStatus> | undefined;
  #disconnected = false;
  #disconnectError: SshError | undefined;
  /** The transport's wait() has settled: nothing is left to stop. */
  #ended = false;

  /** @internal Made by `Command.spawn()`. */
  constructor(init: RemoteChildInit) {
    this.#child = init.child;
    this.stdin = init.child.stdin;
    this.stdout = init.child.stdout;
    this.stderr = init.child.stderr;
    this.session = init.session;
    this.command = init.commandText;
    this.#signal = init.signal;
    this.#canSignal = init.canSignal;
    this.#pty = init.pty ?? false;
    const ended = (): void => {
      this.#ended = true;
    };
    init.child.wait().then(ended, ended);
    const signal = this.#signal;
    if (signal !== undefined) {
      const onAbort = (): void => this.#stop();
      signal.addEventListener('abort', onAbort, { once: true });
      // One signal may be shared by thousands of commands: the listener must
      // go when the process ends, or they pile up on the signal.
      const release = (): void => signal.removeEventListener('abort', onAbort);
      init.child.wait().then(release, release);
      if (signal.aborted) this.#stop();
    }
  }

  #stop(): void {
    // Stop the remote side as far as the transport can: a signal where
    // supported, then drop the channel, which closes its stdio. Closing
    // alone is not enough: sshd keeps a session whose child has no
    // terminal, and its MaxSessions slot, until that child exits
    // (session_close_by_channel), and a silent one may never notice.
    // sshd delivers a `signal` request to the session's process group.
    const kill = this.#canSignal
      ? this.#child.kill('TERM').catch(() => undefined)
      : Promise.resolve();
    void kill.then(() => this.#child.disconnect(this.#stopReason()));
  }

  /**
   * What wait() rejects with once the caller has stopped the command — its
   * abort reason (a timeout's SshError('aborted')), else `disconnected` for
   * disconnect() — so that outputs cut off by the stop fail with it too. A
   * reason that is no Error (`abort('why')`) leaves the transport's own.
   */
  #stopReason(): Error | undefined {
    const reason: unknown =
      this.#signal?.aborted === true ? this.#signal.reason : this.#disconnectedError();
    return reason instanceof Error ? reason : undefined;
  }

  #interpret(exit: TransportExit): ExitStatus {
    if (exit.code === 127) {
      throw new SshError('remote', `remote command not found: ${this.command}`, {
        reason: 'not-found',
        command: this.command,
        exitCode: 127,
      });
    }
    return exitStatus(exit.code, exit.signal, exit.coreDumped);
  }

  /**
   * Waits for the remote process to end. Rejects with `SshError` (`remote`
   * for exit 127, `disconnected`, `remote-process-terminated`, ...) or, when
   * aborted, with the abort reason. A piped stdout/stderr must be read (or
   * use {@link waitWithOutput}), or a chatty command blocks on backpressure.
   */
  wait(): Promise<ExitStatus> {
    this.#waiting ??= this.#child.wait().then(
      (exit) => {
        if (this.#signal?.aborted === true) throw this.#signal.reason;
        if (this.#disconnected) throw this.#disconnectedError();
        return this.#interpret(exit);
      },
      (error: unknown) => {
        if (this.#signal?.aborted === true) throw this.#signal.reason;
        if (this.#disconnected) throw this.#disconnectedError();
        throw withContext(error, this.command);
      },
    );
    return this.#waiting;
  }

  /**
   * Reads stdout and stderr to the end (concurrently, so neither can fill
   * up and stall the other — the crate's deadlock) and waits for the exit
   * status. Failures carry the output read so far.
   */
  async waitWithOutput(): Promise<CommandOutput> {
    const stdout = new StreamCollector(this.stdout);
    const stderr = new StreamCollector(this.stderr);
    try {
      const [status] = await Promise.all([this.wait(), stdout.done, stderr.done]);
      return { status, stdout: stdout.bytes(), stderr: stderr.bytes() };
    } catch (error) {
      // An abort cuts the outputs off too; which rejection comes first is a
      // race, and the caller asked for the abort, so its reason wins.
      if (this.#signal?.aborted === true) throw this.#signal.reason;
      // A status read as a failure (127: not found) arrives with the whole
      // output, but before the collectors have read its last chunks: let
      // them finish, so the error carries what the command printed.
      if (SshError.isInstance(error) && error.kind === 'remote')
        await Promise.allSettled([stdout.done, stderr.done]);
      const partial = { stdout: stdout.bytes(), stderr: stderr.bytes() };
      if (SshError.isInstance(error)) throw withContext(error, this.command, partial);
      if (error instanceof Error && !SshError.isInstance(error)) {
        throw new SshError(
          'child-io',
          `reading the output of ${this.command} failed: ${error.message}`,
          {
            cause: error,
            command: this.command,
            ...partial,
          },
        );
      }
      throw error;
    }
  }

  #disconnectedError(): SshError {
    this.#disconnectError ??= new SshError(
      'disconnected',
      'the command was disconnected before it exited',
      { command: this.command },
    );
    return this.#disconnectError;
  }

  /**
   * Stops the remote process and lets go of it: sends it `TERM` (to its
   * whole process group) where the transport can signal, then closes our
   * ends of its stdio and channel. Unless it had already ended, `wait()`
   * rejects with `disconnected`, whatever status the signal brought.
   */
  disconnect(): void {
    if (this.#ended) {
      this.#child.disconnect();
      return;
    }
    this.#disconnected = true;
    this.#stop();
  }

  /**
   * Sends a signal (`TERM`, `KILL`, ... without `SIG`) to the remote process.
   * Rejects with `SshError('unsupported')` on transports that cannot, such
   * as the process transport.
   */
  async kill(signal = 'TERM'): Promise<void> {
    await this.#child.kill(signal.replace(/^SIG/, ''));
  }

  /**
   * Tells the remote pseudo-terminal its new size, as a terminal emulator
   * does when its window changes (`window-change`, RFC 4254 §6.7); the
   * remote process gets SIGWINCH. Forward a local terminal's size with
   * `process.stdout.on('resize', () => child.resize({ columns:
   * process.stdout.columns, rows: process.stdout.rows }))`.
   *
   * Synchronous: the request has no reply, so there is nothing to await.
   * Throws `SshError`: `invalid-command` for a size outside
   * {@link TerminalSize}'s bounds, `unsupported` when the command was not
   * spawned with `pty()` or the transport cannot resize (the process
   * transport has no pseudo-terminals at all), `disconnected` when the
   * connection is lost. After the process has exited, or after
   * {@link disconnect}, it does nothing: a resize racing the end of the
   * process is normal for a terminal and not worth an error.
   */
  resize(size: TerminalSize): void {
    const checked = checkTerminalSize(size, `resize of ${this.command}`);
    const child = this.#child;
    if (child.resize === undefined) {
      throw new SshError('unsupported', 'this transport cannot resize a pseudo-terminal', {
        command: this.command,
      });
    }
    if (!this.#pty) {
      throw new SshError(
        'unsupported',
        'this command has no pseudo-terminal to resize; request one with pty()',
        { command: this.command },
      );
    }
    try {
      child.resize(checked);
    } catch (error) {
      throw withContext(error, this.command);
    }
  }
}
