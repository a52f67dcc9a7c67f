import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { SshError, type TransportChild, type TransportExit } from '@openssh-ts/session-core';
import { GatedOutput } from './gated-output.js';
import type { MasterControl } from './master-control.js';
import { masterFailure } from './master-failure.js';
import { sendRemoteSignal } from './remote-signal.js';

/** @internal What a started session hands its child. */
export interface ProcessChildInit {
  readonly process: ChildProcess;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** Settles when routed (non-exposed) output has been handed on. */
  readonly delivered: Promise<void>;
  readonly control: MasterControl;
  readonly masterLog: string | undefined;
  /** ssh's own text before the session opened, for messages. */
  readonly preamble: string;
  /** The remote session's process group (its login shell's pid), when the shell reported it. */
  readonly processGroup: number | null;
  readonly sshPath: string;
  readonly controlSocket: string;
}

/**
 * A remote command as one local `ssh` mux client. ssh cannot report a
 * remote signal: the master sends no exit status then, and ssh exits 255 —
 * as it does when the connection is lost. So exit 255 is told apart by
 * asking the master: alive means `remote-process-terminated`, gone means
 * `disconnected`. A remote `exit 255` also reads as terminated — except
 * after `kill(signal)`: an end without status then reads as death by that
 * signal, the only cause this side can know of.
 */
export class ProcessChild implements TransportChild {
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  readonly #init: ProcessChildInit;
  readonly #exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #waiting: Promise<TransportExit> | undefined;
  #outputChecked: Promise<SshError | undefined> | undefined;
  #disconnected = false;
  /** What outputs cut off by our disconnect() fail with, when the caller gave it. */
  #disconnectReason: Error | undefined;
  /** The last signal kill() delivered. */
  #signalled: string | undefined;

  constructor(
    init: ProcessChildInit,
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  ) {
    this.#init = init;
    this.stdin = init.stdin;
    this.#exited = exited;
    this.stdout = this.#gated(init.stdout);
    this.stderr = this.#gated(init.stderr);
  }

  #gated(source: Readable | null): Readable | null {
    if (source === null) return null;
    // Cut off means the connection (or our interest in the command) was
    // lost; a remote process killed by a signal still delivered all it wrote.
    return new GatedOutput(source, () =>
      this.wait().then(
        () => this.#outputVerdict(),
        (error: unknown) => {
          if (!SshError.isInstance(error) || error.kind !== 'disconnected') return undefined;
          return this.#disconnected ? (this.#disconnectReason ?? error) : error;
        },
      ),
    );
  }

  /**
   * Whether output that ended after a clean exit is whole. The master
   * writes the output into our pipes itself and sends the exit status to
   * the mux client as soon as sshd sends it (clientloop.c, on
   * "exit-status"), so the mux client may exit cleanly while the master
   * still holds output; if the master then dies, our pipes close exactly
   * as they would at the channel's end. A master that still serves its
   * socket closed them because the channel ended; one that does not may
   * have died mid-output, so the end is not trusted. Asked once per
   * command, when its first stream ends.
   */
  #outputVerdict(): Promise<SshError | undefined> {
    this.#outputChecked ??= this.#init.control
      .serving()
      .then((serving) =>
        serving
          ? undefined
          : this.#lostAfterExit('after the command exited, before its output ended'),
      );
    return this.#outputChecked;
  }

  /** The master's loss, noticed after the command's exit status had come. */
  async #lostAfterExit(when: string, exitCode?: number): Promise<SshError> {
    const lost = await masterFailure(this.#init.masterLog, this.#init.preamble);
    return new SshError(lost.kind, `${lost.message} (${when})`, {
      cause: lost,
      ...(exitCode === undefined ? {} : { exitCode }),
      ...(lost.sshOutput === undefined ? {} : { sshOutput: lost.sshOutput }),
    });
  }

  wait(): Promise<TransportExit> {
    this.#waiting ??= this.#wait();
    return this.#waiting;
  }

  async #wait(): Promise<TransportExit> {
    const [{ code, signal }] = await Promise.all([this.#exited, this.#init.delivered]);
    if (this.#disconnected) {
      throw new SshError(
        'disconnected',
        'the command was disconnected before it reported an exit status',
      );
    }
    if (signal !== null) {
      throw new SshError('disconnected', `the local ssh process was killed by ${signal}`, {
        signal: null,
      });
    }
    if (code === 255) {
      if (this.#signalled !== undefined && (await this.#init.control.alive()))
        return { code: null, signal: this.#signalled, coreDumped: false };
      if (await this.#init.control.alive()) {
        throw new SshError(
          'remote-process-terminated',
          'the remote process ended without an exit status (killed by a signal, or it exited 255)',
          {
            exitCode: 255,
          },
        );
      }
      throw await masterFailure(this.#init.masterLog, this.#init.preamble);
    }
    // ssh's mux client exits with the remote status as soon as it has it,
    // even when the master then dies before the rest of the output reached
    // us (mux.c, mux_client_request_session): sshd sends exit-status before
    // the output it still holds. A master gone by now means the connection
    // was lost under the command, so its output may be cut off.
    if (this.#init.control.masterGone()) {
      throw await this.#lostAfterExit(`after the command exited with ${code}`, code ?? undefined);
    }
    return { code, signal: null, coreDumped: false };
  }

  #running(): boolean {
    const { process: child } = this.#init;
    return child.exitCode === null && child.signalCode === null;
  }

  /**
   * Signals the remote session's whole process group, with `kill` run in a
   * second session on the same master (`remote-signal.ts`). `unsupported`
   * for a subsystem or a shell that reported no pid.
   */
  async kill(signal: string): Promise<void> {
    const processGroup = this.#init.processGroup;
    if (processGroup === null) {
      throw new SshError(
        'unsupported',
        `the process transport cannot send ${signal} here: the remote side did not report its process (a subsystem, or a login shell that printed no pid)`,
      );
    }
    if (!this.#running()) return;
    // Noted before sending: the mux client may exit before the kill session does.
    const before = this.#signalled;
    this.#signalled = signal;
    try {
      await sendRemoteSignal({
        sshPath: this.#init.sshPath,
        controlSocket: this.#init.controlSocket,
        signal,
        processGroup,
        stillRunning: () => this.#running(),
      });
    } catch (error) {
      this.#signalled = before;
      throw error;
    }
  }

  disconnect(reason?: Error): void {
    if (this.#init.process.exitCode !== null || this.#init.process.signalCode !== null) return;
    this.#disconnected = true;
    this.#disconnectReason = reason;
    // SIGKILL, as the crate does: the mux client only notes SIGTERM and keeps
    // blocking on the master until the remote command ends. Once it is gone
    // the master closes the channel.
    // The master still holds our pipes while the remote command runs; ours
    // must be closed here or routed output would never end.
    const { process: child } = this.#init;
    child.kill('SIGKILL');
    child.stdin?.destroy();
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
}
