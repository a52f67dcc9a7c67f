import { setTimeout as sleep } from 'node:timers/promises';
import {
  SshError,
  trace,
  type ForwardRequest,
  type ForwardResult,
  type MasterStatus,
  type SpawnRequest,
  type Transport,
  type TransportCapabilities,
  type TransportChild,
  type TransportContext,
  type AttachingTransportFactory,
  type ForwardedConnectionHandler,
  type RemoteListenAddress,
  type RemoteListener,
  type TunnelTarget,
} from '@openssh-ts/session-core';
import type { Duplex } from 'node:stream';
import { ForwardedListeners } from './forwarded-listener.js';
import { MasterControl } from './master-control.js';
import { openStdioTunnel } from './stdio-tunnel.js';
import { withPidReport } from './pid-report.js';
import { SessionSlots } from './session-slots.js';
import { sessionArguments } from './ssh-arguments.js';
import { startSession } from './start-session.js';

/** Options of {@link processTransport}; none yet, kept for additions. */
export type ProcessTransportOptions = Record<string, never>;

const CAPABILITIES: TransportCapabilities = {
  // Through a second session that runs `kill` (remote-signal.ts).
  signals: true,
  exitSignals: false,
  binaryCommandLines: false,
  detach: true,
  pty: false,
  // openTunnel through ssh -W, listenRemote through -O forward -R to a local socket.
  tunnels: true,
};

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

// A refusal while none of our sessions is open cannot be waited out by
// queueing (someone else holds the server's slots): such retries slow down
// to one a second, and go on until the caller's signal or timeout says stop.
function backoff(attempt: number, lonely: boolean): number {
  const ceiling = lonely ? 1000 : 250;
  return Math.min(5 * 2 ** Math.min(attempt, 8), ceiling) * (0.5 + Math.random());
}

class ProcessTransport implements Transport {
  readonly transportVersion = 2;
  readonly name = 'process';
  readonly capabilities = CAPABILITIES;
  readonly #context: TransportContext;
  readonly #control: MasterControl;
  readonly #slots = new SessionSlots();
  readonly #listeners: ForwardedListeners;
  /** Session variables whose names SendEnv can name literally (no pattern characters). */
  readonly #environment: readonly (readonly [string, string])[];
  #released = false;

  constructor(context: TransportContext) {
    this.#context = context;
    this.#environment = (context.sessionEnvironment ?? []).filter(([name]) =>
      /^[^\s*?="'\\]+$/.test(name),
    );
    this.#control = new MasterControl({
      sshPath: context.sshPath,
      controlSocket: context.controlSocket,
      masterLog: context.masterLog,
    });
    this.#listeners = new ForwardedListeners(this.#control, context.controlSocket);
  }

  #assertUsable(): void {
    if (this.#released) throw new SshError('disconnected', 'the transport was closed or detached');
  }

  async spawn(request: SpawnRequest): Promise<TransportChild> {
    this.#assertUsable();
    if (request.pty !== undefined) {
      throw new SshError('unsupported', 'the process transport does not allocate pseudo-terminals');
    }
    let target: Parameters<typeof sessionArguments>[1];
    let reportsPid = false;
    if (request.target.kind === 'exec') {
      let commandLine: string;
      try {
        commandLine = strictDecoder.decode(request.target.commandLine);
      } catch (error) {
        throw new SshError(
          'invalid-command',
          'the process transport passes command lines as UTF-8 text; this one is not valid UTF-8',
          { cause: error },
        );
      }
      if (commandLine.includes('\0'))
        throw new SshError('invalid-command', 'the command line contains a NUL byte');
      const sent = withPidReport(commandLine, request.remoteShell);
      reportsPid = sent !== commandLine;
      target = { kind: 'exec', commandLine: sent };
    } else {
      target = { kind: 'subsystem', name: request.target.name };
    }
    const argv = sessionArguments(
      this.#context.controlSocket,
      target,
      this.#environment.map(([name]) => name),
    );
    for (let attempt = 0; ; attempt += 1) {
      const lease = await this.#slots.acquire(request.signal);
      const outcome = await startSession({
        sshPath: this.#context.sshPath,
        argv,
        request,
        control: this.#control,
        masterLog: this.#context.masterLog,
        lease,
        environment: this.#environment,
        reportsPid,
        controlSocket: this.#context.controlSocket,
      });
      if (outcome.kind === 'opened') return outcome.child;
      this.#slots.refused();
      trace(
        'retry',
        () => `session open refused by the server (MaxSessions?), attempt ${attempt + 1}; retrying`,
      );
      await sleep(
        backoff(attempt, this.#slots.openCount === 0),
        undefined,
        request.signal === undefined ? {} : { signal: request.signal },
      ).catch(() => {
        throw request.signal?.reason as Error;
      });
    }
  }

  check(): Promise<MasterStatus> {
    this.#assertUsable();
    // Not the context's signal: that one aborts attaching, and a caller's
    // AbortSignal.timeout() for connect must not fail later checks.
    return this.#control.check();
  }

  openForward(request: ForwardRequest): Promise<ForwardResult> {
    this.#assertUsable();
    return this.#control.openForward(request);
  }

  closeForward(request: ForwardRequest): Promise<void> {
    this.#assertUsable();
    return this.#control.closeForward(request);
  }

  /** A connection from the server to `target` through `ssh -W` (TCP targets only). */
  openTunnel(target: TunnelTarget): Promise<Duplex> {
    this.#assertUsable();
    return openStdioTunnel(
      {
        sshPath: this.#context.sshPath,
        controlSocket: this.#context.controlSocket,
        masterLog: this.#context.masterLog,
        control: this.#control,
      },
      target,
    );
  }

  /**
   * A remote forward to a Unix socket this process listens on; the origin
   * of a connection names only the listen address (the master keeps the
   * originator to itself).
   */
  listenRemote(
    listen: RemoteListenAddress,
    onConnection: ForwardedConnectionHandler,
  ): Promise<RemoteListener> {
    this.#assertUsable();
    return this.#listeners.listen(listen, onConnection);
  }

  async close(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await this.#listeners.closeAll();
    await this.#control.exit();
  }

  async detach(): Promise<void> {
    this.#released = true;
    // The master keeps forwards; ours lead to sockets of this process.
    await this.#listeners.closeAll();
  }
}

/**
 * The process transport: every remote command is one local
 * `ssh -S <ctl> -T ... none -- <command line>` (or `-s <subsystem>`), and
 * check, forwards and close are `ssh -O check|forward|cancel|exit`. Works
 * with any OpenSSH client; costs one process per command. The command line
 * starts with `echo ossh-pid:$$ >&2;` (`$fish_pid` under fish), cut from
 * stderr again, so that `kill(signal)` — and a timeout, abort or
 * disconnect — can signal the remote process group through a second short
 * session (`kill -s SIG -- -PGID`). A signal death is only seen as such
 * after our own kill; otherwise it reads as `remote-process-terminated`.
 * Sessions the server refuses beyond its MaxSessions are queued and
 * retried, never failed.
 *
 * @example
 * ```ts
 * import { Session } from '@openssh-ts/session-core';
 * import { processTransport } from '@openssh-ts/transport-process';
 *
 * await using session = await Session.connect('me@host', { transport: processTransport() });
 * const { stdout } = await session.command('uname').arg('-a').output();
 * ```
 */
export function processTransport(options: ProcessTransportOptions = {}): AttachingTransportFactory {
  void options;
  return {
    transportVersion: 2,
    name: 'process',
    mode: 'attach',
    attach: (context) => Promise.resolve(new ProcessTransport(context)),
  };
}
