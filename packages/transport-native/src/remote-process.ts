import { finished, type Readable, type Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  checkTerminalSize,
  failOutput,
  SshError,
  trace,
  type PtyOptions,
  type SpawnRequest,
  type StdioOption,
  type TerminalSize,
  type TransportChild,
  type TransportExit,
} from '@openssh-ts/session-core';
import type { ChannelRequest, Encodable } from '@openssh-ts/mux-codec';
import type { Channel, ChannelListener } from './channel.js';
import { ChannelInput, ChannelOutput } from './channel-streams.js';
import { deferred } from './mux-control.js';
import type { ProxyLink } from './proxy-link.js';

/**
 * Starts a remote command or subsystem on a new session channel: open,
 * then (in one write) `pty-req`, one `env` per session variable, then
 * `exec`/`subsystem` and, for a `'null'` stdin without a pty, EOF — the
 * order ssh's client_session2_setup sends them in. Resolves once the server
 * confirmed the start.
 */
export async function spawnRemote(
  link: ProxyLink,
  request: SpawnRequest,
  environment: readonly (readonly [string, string])[] = [],
): Promise<TransportChild> {
  const channel = await openAbortably(link, request.signal);
  const child = new RemoteProcess(channel, request);
  await child.start(request, environment);
  return child;
}

function openAbortably(link: ProxyLink, signal: AbortSignal | undefined): Promise<Channel> {
  if (!signal) return link.openChannel({ kind: 'session' });
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    link.openChannel({ kind: 'session' }).then(
      (channel) => {
        signal.removeEventListener('abort', onAbort);
        // An open cannot be taken back; close what arrives after the abort.
        if (signal.aborted) channel.close();
        else resolve(channel);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortError(signal: AbortSignal): SshError {
  return new SshError('aborted', 'starting the remote command was aborted', {
    cause: signal.reason,
  });
}

/** How often kill() asks before giving up (about 2.5 s in all). */
const KILL_ATTEMPTS = 30;

/** A remote process on a session channel, as session-core sees it. */
class RemoteProcess implements TransportChild, ChannelListener {
  readonly stdin: Writable | null = null;
  readonly stdout: Readable | null = null;
  readonly stderr: Readable | null = null;
  private readonly outputs: [ChannelOutput | undefined, ChannelOutput | undefined];
  private readonly delivered: Promise<void>[] = [];
  private readonly result = deferred<TransportExit>();
  private readonly cleanups: (() => void)[] = [];
  private exit: TransportExit | undefined;
  private disconnectedByUs = false;
  /** What outputs cut off by our disconnect() fail with, when the caller gave it. */
  private disconnectReason: Error | undefined;
  private eofReceived = false;
  private settled = false;
  private readonly hasPty: boolean;

  constructor(
    private readonly channel: Channel,
    request: SpawnRequest,
  ) {
    this.result.promise.catch(() => undefined);
    this.hasPty = request.pty !== undefined;
    channel.keepsInputOpen = this.hasPty;
    channel.listener = this;
    this.outputs = [
      this.wireOutput(request.stdout, process.stdout),
      this.wireOutput(request.stderr, process.stderr),
    ];
    if (request.stdout === 'pipe') this.stdout = this.outputs[0]!;
    if (request.stderr === 'pipe') this.stderr = this.outputs[1]!;
    if (request.stdin !== 'null') {
      const input = new ChannelInput(channel);
      // Writes after the link was lost fail; wait() reports that, so an
      // unheeded 'error' here must not crash the process (as on the process
      // transport, whose pipe to ssh fails with EPIPE the same way).
      input.on('error', () => undefined);
      if (request.stdin === 'pipe') this.stdin = input;
      else {
        const source = request.stdin === 'inherit' ? process.stdin : request.stdin;
        source.pipe(input);
        this.cleanups.push(() => source.unpipe(input));
      }
    }
  }

  async start(
    request: SpawnRequest,
    environment: readonly (readonly [string, string])[],
  ): Promise<void> {
    const replies: Promise<boolean>[] = [];
    if (request.pty) replies.push(this.channel.request(ptyRequest(request.pty), true));
    // No reply wanted, as ssh: sshd ignores names its AcceptEnv does not allow.
    for (const [name, value] of environment)
      replies.push(this.channel.request({ kind: 'env', name, value }, false));
    const { target } = request;
    trace('channel', () =>
      target.kind === 'exec'
        ? `#${this.channel.localId} exec ${typeof target.commandLine === 'string' ? target.commandLine : new TextDecoder().decode(target.commandLine)}`
        : `#${this.channel.localId} subsystem ${target.name}`,
    );
    replies.push(
      this.channel.request(
        target.kind === 'exec'
          ? { kind: 'exec', command: target.commandLine }
          : { kind: 'subsystem', name: target.name },
        true,
      ),
    );
    if (request.stdin === 'null') this.channel.endInput();
    const answers = await Promise.all(replies);
    if (answers.every(Boolean)) return;
    const lost = this.channel.lost;
    this.channel.close();
    if (lost) throw lost;
    const what = target.kind === 'exec' ? 'the command' : `subsystem ${target.name}`;
    const refused = request.pty && answers[0] === false ? 'a pseudo-terminal' : what;
    throw new SshError('remote', `the server refused to start ${refused}`);
  }

  wait(): Promise<TransportExit> {
    return this.result.promise;
  }

  async kill(signal: string): Promise<void> {
    const name = signal.replace(/^SIG/, '');
    // sshd signals the process group (killpg), which exists only once its
    // child has called setsid(); a signal sent right after exec succeeded
    // can come too early and is refused. So ask for a reply and retry.
    let delay = 5;
    for (let attempt = 0; ; attempt += 1) {
      if (this.channel.lost) throw this.channel.lost;
      if (this.exit || this.channel.closing) return;
      if (await this.channel.request({ kind: 'signal', signalName: name }, true)) return;
      if (this.exit || this.channel.closing) return;
      if (attempt === KILL_ATTEMPTS) {
        throw new SshError('remote', `the server did not deliver signal ${name}`, { signal: name });
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 100);
    }
  }

  resize(size: TerminalSize): void {
    // A window-change on a channel without a pty is ignored by sshd: say so
    // rather than let the caller believe the terminal changed.
    if (!this.hasPty) {
      throw new SshError('unsupported', 'this command was started without a pseudo-terminal');
    }
    const checked = checkTerminalSize(size, 'window-change');
    if (this.channel.lost) throw this.channel.lost;
    if (this.exit || this.channel.closing) return;
    // No reply is asked (RFC 4254 §6.7), and a checked size always encodes.
    void this.channel.request(windowChange(checked), false);
  }

  disconnect(reason?: Error): void {
    this.disconnectedByUs = true;
    this.disconnectReason = reason;
    this.channel.close();
    // The server answers our CLOSE only once the process lets go of its
    // output, which may be never: settle now rather than on its CLOSE.
    this.onClosed(undefined);
  }

  onData(data: Uint8Array, stream: 0 | 1): boolean {
    const output = this.outputs[stream];
    if (output) return output.deliver(data);
    this.channel.consumed(data.byteLength);
    return true;
  }

  onEof(): void {
    // EOF is the server's word that every byte of output was sent: only
    // now may the outputs end cleanly.
    this.eofReceived = true;
    for (const output of this.outputs) output?.push(null);
  }

  onRequest(request: ChannelRequest): boolean {
    if (request.kind === 'exit-status') {
      this.exit = { code: request.exitStatus, signal: null, coreDumped: false };
      return true;
    }
    if (request.kind === 'exit-signal') {
      const { signalName, coreDumped, errorMessage } = request;
      this.exit = {
        code: null,
        signal: signalName,
        coreDumped,
        ...(errorMessage ? { message: errorMessage } : {}),
      };
      return true;
    }
    return false;
  }

  onClosed(error: SshError | undefined): void {
    if (this.settled) return;
    this.settled = true;
    const cutOff =
      error ??
      (this.disconnectedByUs
        ? new SshError('disconnected', 'disconnected from the remote process before it exited')
        : undefined);
    // Cut off by our disconnect(): with the caller's reason, as its wait() rejects.
    const outputCutOff =
      error ?? (this.disconnectedByUs ? this.disconnectReason : undefined) ?? cutOff;
    for (const output of this.outputs) {
      if (!output || output.readableEnded) continue;
      // Output cut off before the server's EOF is never passed off as complete.
      if (outputCutOff && !this.eofReceived) failOutput(output, outputCutOff);
      else output.push(null);
    }
    this.stdin?.destroy();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    const { exit } = this;
    if (exit) {
      // A piped output someone is reading counts as delivered once read to
      // its end, so a caller collecting output alongside wait() misses
      // nothing; one nobody reads does not hold wait() up.
      const read = [this.stdout, this.stderr].filter(
        (output): output is Readable => output !== null && output.readableFlowing !== null,
      );
      const delivered = [...this.delivered, ...read.map(endOf)];
      void Promise.all(delivered).then(() => this.result.resolve(exit));
    } else if (cutOff) {
      this.result.reject(cutOff);
    } else {
      this.result.reject(
        new SshError(
          'remote-process-terminated',
          'the remote process ended without an exit status',
        ),
      );
    }
  }

  /** A readable for one output; piped to `destination` for `'inherit'` or a stream. */
  private wireOutput(
    option: StdioOption<Writable>,
    inherited: Writable,
  ): ChannelOutput | undefined {
    if (option === 'null') return undefined;
    const output = new ChannelOutput(this.channel);
    if (option === 'pipe') return output;
    const destination = option === 'inherit' ? inherited : option;
    // The destination belongs to the caller: it is written to, never ended.
    output.pipe(destination, { end: false });
    this.delivered.push(endOf(output));
    return output;
  }
}

/** A `pty-req` (RFC 4254 §6.2); the codec appends TTY_OP_END to the modes. */
function ptyRequest(pty: PtyOptions): Encodable<ChannelRequest> {
  return {
    kind: 'pty-req',
    terminalType: pty.term,
    widthCharacters: pty.columns,
    heightRows: pty.rows,
    widthPixels: pty.widthPixels ?? 0,
    heightPixels: pty.heightPixels ?? 0,
    terminalModes: [...(pty.modes ?? [])].map(([opcode, argument]) => ({ opcode, argument })),
  };
}

/** A `window-change` (RFC 4254 §6.7) for a size already checked. */
function windowChange(size: Required<TerminalSize>): Encodable<ChannelRequest> {
  return {
    kind: 'window-change',
    widthCharacters: size.columns,
    heightRows: size.rows,
    widthPixels: size.widthPixels,
    heightPixels: size.heightPixels,
  };
}

/** Settles when `stream` has ended, failed or was destroyed. */
function endOf(stream: Readable): Promise<void> {
  return new Promise((resolve) => finished(stream, () => resolve()));
}
