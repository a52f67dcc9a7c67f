import type { Duplex } from 'node:stream';
import {
  SshError,
  type ConnectContext,
  type ConnectingTransportFactory,
  type ForwardRequest,
  type ForwardResult,
  type MasterStatus,
  type SpawnRequest,
  type Transport,
  type TransportCapabilities,
  type TransportChild,
  type ForwardedConnectionHandler,
  type TunnelTarget,
} from '@openssh-ts/session-core';
import type { Client, ClientChannel, ExecOptions } from 'ssh2';
import { traceChannel, traceChannelRefused } from './channel-trace.js';
import { openConnection, type LookupFunction } from './open-connection.js';
import { PortForwards } from './port-forwards.js';
import { RemoteCommand, watchChannel, type ChannelWatch } from './remote-command.js';
import { SessionGate } from './session-gate.js';
import type { SessionVariable } from './session-variables.js';
import { orderHostKeyAlgorithms } from './known-hosts/host-key-algorithms.js';
import { enforceHostKeyPolicy } from './known-hosts/host-key-policy.js';
import { resolveSshConfig } from './ssh-config/resolve-ssh-config.js';

/** Options of {@link ssh2Transport}. */
export interface Ssh2TransportOptions {
  /**
   * Resolves host names instead of the system resolver (`dns.lookup`'s
   * signature, as `net.connect` takes it), e.g. to resolve in a sandbox.
   */
  readonly lookup?: LookupFunction;
  /**
   * Ciphers and key exchanges to offer, in order of preference, by their
   * OpenSSH names (e.g. `chacha20-poly1305@openssh.com`, `curve25519-sha256`):
   * what `-o Ciphers=` and `-o KexAlgorithms=` do for ssh. Unset, ssh2's own
   * order applies, which prefers aes128-gcm on CPUs with AES instructions
   * while OpenSSH prefers chacha20-poly1305 — name them to compare the two
   * like for like. A name ssh2 does not implement fails the connect with
   * `SshError('connect')` (reason `other`) saying which.
   */
  readonly algorithms?: Ssh2Algorithms;
}

/** Algorithm preferences of {@link Ssh2TransportOptions.algorithms}. */
export interface Ssh2Algorithms {
  /** Ciphers to offer, OpenSSH names in order (as `-o Ciphers=`); unset: ssh2's list. */
  readonly cipher?: readonly string[];
  /** Key exchanges to offer, OpenSSH names in order (as `-o KexAlgorithms=`); unset: ssh2's list. */
  readonly kex?: readonly string[];
}

/** The factory {@link ssh2Transport} returns; `connect` yields the full {@link Ssh2Transport}. */
export interface Ssh2TransportFactory extends ConnectingTransportFactory {
  connect(context: ConnectContext): Promise<Ssh2Transport>;
}

const CAPABILITIES: TransportCapabilities = {
  signals: true,
  exitSignals: true,
  binaryCommandLines: true,
  pty: true,
  detach: false,
  // forwardOut / forwardIn, as Session.openTunnel / listenRemote.
  tunnels: true,
};

/**
 * A transport that makes its own SSH connection with the pure-JS `ssh2`
 * package: no `ssh` binary and no ControlMaster are needed, so it also
 * runs on Windows and in slim images. `Session.detach()` is not available.
 *
 * @example
 * ```ts
 * const session = await Session.connect('me@host', { transport: ssh2Transport() });
 * ```
 */
export function ssh2Transport(options: Ssh2TransportOptions = {}): Ssh2TransportFactory {
  return {
    transportVersion: 2,
    name: 'ssh2',
    mode: 'connect',
    connect: (context) => Ssh2Transport.connect(context, options),
  };
}

/**
 * Whether a session channel open failed because the server has no session
 * to spare: sshd answers an open past MaxSessions with CHANNEL_OPEN_FAILURE
 * ("open failed", reason 2), and a session open fails for no other reason
 * worth giving up on, so any open failure (ssh2 gives its numeric reason)
 * counts.
 */
function isSessionRefusal(error: unknown): boolean {
  return typeof (error as { reason?: unknown } | undefined)?.reason === 'number';
}

/** A transport on its own ssh2 connection; see {@link ssh2Transport}. */
export class Ssh2Transport implements Transport {
  readonly transportVersion = 2;
  readonly name = 'ssh2';
  readonly capabilities = CAPABILITIES;
  readonly #client: Client;
  /** The jump hosts' connections, outermost first; ended after the destination's. */
  readonly #hops: readonly Client[];
  /** SendEnv matches and SetEnv, sent with every session. */
  readonly #environment: Readonly<Record<string, string>> | undefined;
  readonly #gate = new SessionGate();
  readonly #forwards: PortForwards;
  #lost: SshError | undefined;
  #closed = false;
  #ended: Promise<void>;

  private constructor(
    client: Client,
    hops: readonly Client[],
    environment: readonly SessionVariable[],
  ) {
    this.#client = client;
    this.#hops = hops;
    // A name sent twice keeps its last value, as sshd applies requests in order.
    this.#environment = environment.length === 0 ? undefined : Object.fromEntries(environment);
    this.#forwards = new PortForwards(client);
    this.#ended = new Promise((resolve) => client.once('close', () => resolve()));
    const lose = (why: string, cause?: unknown): void => {
      if (this.#lost) return;
      this.#lost = new SshError('disconnected', why, cause === undefined ? {} : { cause });
      this.#gate.close();
      // Forwarded connections and listeners go with the connection.
      void this.#forwards.closeAll();
    };
    client.on('error', (error: Error) => lose(`the connection failed: ${error.message}`, error));
    client.on('end', () =>
      lose(this.#closed ? 'the session is closed' : 'the server closed the connection'),
    );
    client.on('close', () =>
      lose(this.#closed ? 'the session is closed' : 'the connection was lost'),
    );
  }

  /** Connects and logs in as {@link ssh2Transport} describes. */
  static async connect(
    context: ConnectContext,
    options: Ssh2TransportOptions,
  ): Promise<Ssh2Transport> {
    const connection = await openConnection(context, {
      modules: { resolveSshConfig, enforceHostKeyPolicy, orderHostKeyAlgorithms },
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
      ...(options.algorithms === undefined ? {} : { algorithms: options.algorithms }),
    });
    return new Ssh2Transport(connection.client, connection.hops, connection.environment);
  }

  async spawn(request: SpawnRequest): Promise<TransportChild> {
    this.#assertUsable();
    if (request.signal?.aborted === true) throw abortError(request.signal);
    const { channel, watch } = await this.#gate.run(() => this.#start(request), isSessionRefusal);
    // An open cannot be taken back: close what arrives after an abort.
    if (isAborted(request.signal)) {
      if (watch.closed) this.#gate.release();
      else watch.onClose = () => this.#gate.release();
      channel.close();
      throw abortError(request.signal);
    }
    let ended = false;
    const lost = (): SshError | undefined => this.#lost;
    return new RemoteCommand(
      channel,
      {
        get lost() {
          return lost();
        },
        ended: () => {
          if (ended) return;
          ended = true;
          this.#gate.release();
        },
      },
      request,
      request.pty !== undefined,
      watch,
    );
  }

  #start(request: SpawnRequest): Promise<{ channel: ClientChannel; watch: ChannelWatch }> {
    this.#assertUsable();
    return new Promise((resolve, reject) => {
      const { target } = request;
      const what = (): string =>
        target.kind === 'subsystem'
          ? `subsystem ${target.name}`
          : `exec ${typeof target.commandLine === 'string' ? target.commandLine : new TextDecoder().decode(target.commandLine)}`;
      const done = (error: Error | undefined, channel: ClientChannel): void => {
        if (error) {
          traceChannelRefused(what, error);
          reject(this.#startError(error, request));
        } else {
          traceChannel(channel, what);
          resolve({ channel, watch: watchChannel(channel) });
        }
      };
      try {
        if (target.kind === 'subsystem') {
          this.#client.subsys(target.name, done);
          return;
        }
        const execOptions: ExecOptions = {
          ...(this.#environment === undefined ? {} : { env: this.#environment }),
          ...(request.pty === undefined
            ? {}
            : {
                pty: {
                  rows: request.pty.rows,
                  cols: request.pty.columns,
                  width: request.pty.widthPixels ?? 0,
                  height: request.pty.heightPixels ?? 0,
                  term: request.pty.term,
                  // ssh2 takes raw encoded modes as a Buffer: opcode, uint32, ..., TTY_OP_END.
                  modes: encodeModes(request.pty.modes) as unknown as Record<string, number>,
                },
              }),
        };
        // ssh2 writes a Buffer command as the exact bytes (binaryCommandLines).
        const commandLine = Buffer.from(target.commandLine) as unknown as string;
        this.#client.exec(commandLine, execOptions, done);
      } catch (error) {
        reject(
          this.#lost ?? new SshError('disconnected', 'the connection is closed', { cause: error }),
        );
      }
    });
  }

  #startError(error: Error, request: SpawnRequest): Error {
    if (this.#lost) return this.#lost;
    if (isSessionRefusal(error)) return error;
    const what =
      request.target.kind === 'exec' ? 'the command' : `subsystem ${request.target.name}`;
    const refused = /pseudo-terminal/.test(error.message) ? 'a pseudo-terminal' : what;
    return new SshError('remote', `the server refused to start ${refused}: ${error.message}`, {
      cause: error,
    });
  }

  check(): Promise<MasterStatus> {
    this.#assertUsable();
    // A global request the server must answer (OpenSSH answers this unknown
    // one with REQUEST_FAILURE): proves the connection is alive end to end.
    // ssh2 has no public call for it; its keepalive does the same, queueing
    // a reply handler in order with the other global requests.
    const internals = this.#client as unknown as {
      _callbacks?: ((outcome: boolean | Error) => void)[];
      _protocol?: { ping(): void };
    };
    const callbacks = internals._callbacks;
    const protocol = internals._protocol;
    if (!Array.isArray(callbacks) || protocol === undefined) return Promise.resolve({});
    return new Promise((resolve, reject) => {
      callbacks.push((outcome) => {
        if (outcome instanceof Error) {
          reject(
            this.#lost ??
              new SshError('disconnected', 'the connection was lost', { cause: outcome }),
          );
        } else resolve({});
      });
      protocol.ping();
    });
  }

  openForward(request: ForwardRequest): Promise<ForwardResult> {
    this.#assertUsable();
    return this.#forwards.open(request);
  }

  closeForward(request: ForwardRequest): Promise<void> {
    this.#assertUsable();
    return this.#forwards.close(request);
  }

  /**
   * Opens a connection from the server to `target` (`direct-tcpip`, or
   * `direct-streamlocal@openssh.com` for a Unix socket path) as a Duplex:
   * a port forward without a local listener.
   */
  openTunnel(target: TunnelTarget): Promise<Duplex> {
    this.#assertUsable();
    return this.#forwards.openTunnel(target);
  }

  /**
   * Asks the server to listen on `listen` (port 0: the server picks) and
   * hands each connection to `onConnection` as a Duplex, in this process.
   * Resolves with the port listened on and a function that cancels it.
   */
  async listenRemote(
    listen: { host: string; port: number } | { path: string },
    onConnection: ForwardedConnectionHandler,
  ): Promise<{
    /** The port the server listens on (the one asked, or the one it chose for 0). */
    port: number;
    /** Asks the server to stop listening (cancel-tcpip-forward). */
    close(): Promise<void>;
  }> {
    this.#assertUsable();
    const port = await this.#forwards.listenRemote(listen, onConnection);
    return { port, close: () => this.#forwards.unlistenRemote(listen, port) };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const lost = this.#lost;
    await this.#forwards.closeAll();
    this.#client.end();
    for (const hop of [...this.#hops].reverse()) hop.end();
    await this.#ended;
    if (lost) throw lost;
  }

  detach(): Promise<void> {
    // Nothing can outlive this process: "detaching" is closing.
    return this.close().catch(() => undefined);
  }

  #assertUsable(): void {
    if (this.#closed) throw new SshError('disconnected', 'the session is closed');
    if (this.#lost) throw this.#lost;
  }
}

function isAborted(signal: AbortSignal | undefined): signal is AbortSignal {
  return signal?.aborted === true;
}

function abortError(signal: AbortSignal): SshError {
  return new SshError('aborted', 'starting the remote command was aborted', {
    cause: signal.reason,
  });
}

/** Terminal modes as RFC 4254 §8 encodes them: opcode byte, uint32 value, ..., TTY_OP_END. */
function encodeModes(modes: ReadonlyMap<number, number> | undefined): Buffer {
  const entries = [...(modes ?? [])];
  const encoded = Buffer.alloc(entries.length * 5 + 1);
  entries.forEach(([opcode, value], index) => {
    encoded[index * 5] = opcode;
    encoded.writeUInt32BE(value >>> 0, index * 5 + 1);
  });
  return encoded;
}
