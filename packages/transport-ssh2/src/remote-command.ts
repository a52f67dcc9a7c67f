import { finished, PassThrough, Writable, type Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  checkTerminalSize,
  failOutput,
  SshError,
  type StdioOption,
  type TerminalSize,
  type TransportChild,
  type TransportExit,
} from '@openssh-ts/session-core';
import type { ClientChannel } from 'ssh2';
import { sendSignal } from './signal-request.js';

/** How often kill() asks before giving up (about 2.5 s in all). */
const KILL_ATTEMPTS = 30;

/**
 * The exit status and close of a channel, recorded from the moment it
 * opens: ssh2 parses a whole TCP read at once, so a short command's
 * exit-status and CLOSE can come before anyone else listens.
 */
export interface ChannelWatch {
  exit: TransportExit | undefined;
  /** The server sent EOF: every byte of output was sent. */
  eof: boolean;
  closed: boolean;
  onExit: ((exit: TransportExit) => void) | undefined;
  onClose: (() => void) | undefined;
}

/** Starts recording `channel`'s exit status and close; call as soon as it is opened. */
export function watchChannel(channel: ClientChannel): ChannelWatch {
  const watch: ChannelWatch = {
    exit: undefined,
    eof: false,
    closed: false,
    onExit: undefined,
    onClose: undefined,
  };
  // ssh2 ends the channel's readable alike on the server's EOF and on a
  // lost connection; only on EOF has it marked the channel `eof` first.
  const internals = channel as unknown as { incoming?: { state?: string } };
  const push = channel.push.bind(channel);
  channel.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk === null && internals.incoming?.state === 'eof') watch.eof = true;
    return push(chunk, encoding);
  };
  channel.on(
    'exit',
    (code: number | null, signal?: string, coreDumped?: boolean, message?: string) => {
      const exit: TransportExit =
        code !== null && code !== undefined
          ? { code, signal: null, coreDumped: false }
          : {
              code: null,
              signal: (signal ?? 'UNKNOWN').replace(/^SIG/, ''),
              coreDumped: coreDumped === true,
              ...(message ? { message } : {}),
            };
      watch.exit = exit;
      watch.onExit?.(exit);
    },
  );
  channel.on('error', () => undefined);
  channel.once('close', () => {
    watch.closed = true;
    watch.onClose?.();
  });
  return watch;
}

/** What a command needs from its connection. */
export interface CommandHost {
  /** Why the connection is gone, once it is. */
  readonly lost: SshError | undefined;
  /** Called once when the channel has closed (its session slot is free). */
  ended(): void;
}

/**
 * A remote command on one ssh2 session channel, as session-core sees it.
 * The channel's own streams are not handed out: each piped slot gets a
 * PassThrough fed by `pipe`, so backpressure reaches the channel (ssh2
 * stops granting window while a reader lags) and a caller destroying its
 * stream cannot tear the channel down under the other slots.
 */
export class RemoteCommand implements TransportChild {
  readonly stdin: Writable | null = null;
  readonly stdout: Readable | null = null;
  readonly stderr: Readable | null = null;
  readonly #channel: ClientChannel;
  readonly #watch: ChannelWatch;
  /** Fail each piped output (cut off); one per output. */
  readonly #failers: ((error: Error) => void)[] = [];
  readonly #host: CommandHost;
  readonly #hasPty: boolean;
  readonly #delivered: Promise<void>[] = [];
  readonly #cleanups: (() => void)[] = [];
  readonly #result: Promise<TransportExit>;
  #exit: TransportExit | undefined;
  #closed = false;
  #disconnectedByUs = false;
  /** What outputs cut off by our disconnect() fail with, when the caller gave it. */
  #disconnectReason: Error | undefined;
  #settle!: { resolve: (exit: TransportExit) => void; reject: (error: unknown) => void };

  constructor(
    channel: ClientChannel,
    host: CommandHost,
    stdio: {
      readonly stdin: StdioOption<Readable>;
      readonly stdout: StdioOption<Writable>;
      readonly stderr: StdioOption<Writable>;
    },
    hasPty: boolean,
    watch: ChannelWatch,
  ) {
    this.#channel = channel;
    this.#watch = watch;
    this.#host = host;
    this.#hasPty = hasPty;
    this.#result = new Promise<TransportExit>((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.#result.catch(() => undefined);
    this.stdout = this.#wireOutput(channel, stdio.stdout, process.stdout);
    this.stderr = this.#wireOutput(channel.stderr, stdio.stderr, process.stderr);
    this.stdin = this.#wireInput(stdio.stdin);
    watch.onExit = (exit) => {
      this.#exit = exit;
    };
    watch.onClose = () => this.#onClose();
    if (watch.exit) this.#exit = watch.exit;
    if (watch.closed) this.#onClose();
  }

  wait(): Promise<TransportExit> {
    return this.#result;
  }

  async kill(signal: string): Promise<void> {
    const name = signal.replace(/^SIG/, '');
    // sshd signals the process group, which exists only once the child has
    // called setsid(): a signal sent just after exec may be refused. So the
    // request asks for a reply, and a refusal is retried.
    let delay = 5;
    for (let attempt = 0; ; attempt += 1) {
      if (this.#host.lost) throw this.#host.lost;
      if (this.#exit || this.#closed) return;
      if (await sendSignal(this.#channel, name)) return;
      if (this.#exit || this.#closed) return;
      if (attempt === KILL_ATTEMPTS) {
        throw new SshError('remote', `the server did not deliver signal ${name}`, { signal: name });
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
    }
  }

  resize(size: TerminalSize): void {
    if (!this.#hasPty) {
      throw new SshError('unsupported', 'this command was started without a pseudo-terminal');
    }
    const checked = checkTerminalSize(size, 'window-change');
    if (this.#host.lost) throw this.#host.lost;
    if (this.#exit || this.#closed) return;
    this.#channel.setWindow(
      checked.rows,
      checked.columns,
      checked.heightPixels,
      checked.widthPixels,
    );
  }

  disconnect(reason?: Error): void {
    this.#disconnectedByUs = true;
    this.#disconnectReason = reason;
    this.#channel.close();
    // The server answers our CLOSE only once the process lets go of its
    // output, which may be never: settle now rather than on its CLOSE.
    this.#finish();
  }

  #onClose(): void {
    if (!this.#closed) {
      this.#closed = true;
      this.#host.ended();
    }
    // ssh2 closes the channels before the connection reports its loss on
    // some paths; one turn later the connection's state is known.
    setImmediate(() => this.#finish());
  }

  #settled = false;

  /**
   * Why output stopped short, when it did: the connection was lost, or we
   * disconnected (then the caller's reason, as its wait() rejects, if given).
   */
  #cutOff(): Error | undefined {
    if (this.#host.lost) return this.#host.lost;
    if (this.#disconnectedByUs) {
      return (
        this.#disconnectReason ??
        new SshError('disconnected', 'disconnected from the remote process before it exited')
      );
    }
    return undefined;
  }

  #finish(): void {
    if (this.#settled) return;
    this.#settled = true;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    const exit = this.#exit;
    if (exit) {
      // A piped output someone reads counts as delivered once read to its
      // end; one nobody reads does not hold wait() up.
      const read = [this.stdout, this.stderr].filter(
        (output): output is Readable => output !== null && output.readableFlowing !== null,
      );
      void Promise.all([...this.#delivered, ...read.map(endOf)]).then(() =>
        this.#settle.resolve(exit),
      );
      return;
    }
    const cutOff = this.#cutOff();
    // The outputs fail a turn after wait() has: a caller that aborted (or
    // timed out) learns that first, not the disconnect it caused.
    if (cutOff) setImmediate(() => this.#failers.forEach((fail) => fail(cutOff)));
    if (this.#host.lost) this.#settle.reject(this.#host.lost);
    else if (this.#disconnectedByUs) {
      this.#settle.reject(
        new SshError('disconnected', 'disconnected from the remote process before it exited'),
      );
    } else {
      this.#settle.reject(
        new SshError(
          'remote-process-terminated',
          'the remote process ended without an exit status',
        ),
      );
    }
  }

  #wireOutput(
    source: Readable,
    option: StdioOption<Writable>,
    inherited: Writable,
  ): Readable | null {
    if (option === 'null') {
      // Read and drop, or the window closes and the command stalls.
      source.resume();
      return null;
    }
    if (option === 'pipe') {
      const output = new PassThrough();
      // Ended by hand: ssh2 ends a channel's streams as cleanly when the
      // connection drops as on the server's EOF, and a cut-off output must
      // never look complete. On a lost connection it fails instead.
      source.pipe(output, { end: false });
      // Unpiped first: the pipe's own error handler would rethrow an
      // error nobody listens to.
      const fail = (error: Error): void => {
        source.unpipe(output);
        failOutput(output, error);
      };
      this.#failers.push(fail);
      source.once('end', () => {
        const cutOff = this.#watch.eof ? undefined : this.#cutOff();
        if (cutOff) fail(cutOff);
        else if (!output.destroyed) output.end();
      });
      // A reader that stops early (destroys its stream) must not stall the
      // channel: ssh2 reports its close only once the output has ended.
      output.once('close', () => {
        if (source.readableEnded) return;
        source.unpipe(output);
        source.resume();
      });
      return output;
    }
    const destination = option === 'inherit' ? inherited : option;
    // The destination belongs to the caller: written to, never ended.
    source.pipe(destination, { end: false });
    this.#delivered.push(endOf(source));
    return null;
  }

  #wireInput(option: StdioOption<Readable>): Writable | null {
    const channel = this.#channel;
    if (option === 'null') {
      // On a terminal, EOF would end an interactive program at once.
      if (!this.#hasPty) channel.end();
      return null;
    }
    if (option === 'pipe') {
      const input = channelInput(channel);
      this.#cleanups.push(() => input.destroy());
      return input;
    }
    const source = option === 'inherit' ? process.stdin : option;
    source.pipe(channel);
    this.#cleanups.push(() => source.unpipe(channel));
    return null;
  }
}

/**
 * The writable end of a command's stdin. A write completes only once ssh2
 * has taken the bytes into packets (it copies them while encrypting), not
 * when they were merely queued: a writer that reuses its buffer after the
 * callback, as the SFTP client does, must not see them sent changed.
 * Ending it sends EOF; destroying it leaves the channel to the command.
 */
function channelInput(channel: ClientChannel): Writable {
  return new Writable({
    highWaterMark: 256 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      if (!channel.writable) {
        callback(new SshError('child-io', 'the remote stdin is closed'));
        return;
      }
      channel.write(chunk, (error?: Error | null) => callback(error ?? null));
    },
    writev(chunks, callback) {
      if (!channel.writable) {
        callback(new SshError('child-io', 'the remote stdin is closed'));
        return;
      }
      for (const [index, { chunk }] of chunks.entries()) {
        if (index < chunks.length - 1) channel.write(chunk);
        else channel.write(chunk, (error?: Error | null) => callback(error ?? null));
      }
    },
    final(callback) {
      if (channel.writable) channel.end();
      callback();
    },
  });
}

/** Settles when `stream` has ended, failed or was destroyed. */
function endOf(stream: Readable): Promise<void> {
  return new Promise((resolve) => finished(stream, () => resolve()));
}
