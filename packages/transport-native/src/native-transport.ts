import {
  SshError,
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
import { MuxControl, unexpectedReply, type MuxReply } from './mux-control.js';
import { closeForward, openForward } from './mux-forward.js';
import type { ChannelSizes } from './channel-table.js';
import { ProxyLink } from './proxy-link.js';
import { ownDisconnect } from './own-disconnect.js';
import { spawnRemote } from './remote-process.js';
import { Tunnels } from './tunnels.js';
import type { Duplex } from 'node:stream';

/** The factory {@link nativeTransport} returns; `attach` yields the full {@link NativeTransport}. */
export interface NativeTransportFactory extends AttachingTransportFactory {
  attach(context: TransportContext): Promise<NativeTransport>;
}

/** Tuning for {@link nativeTransport}. */
export interface NativeTransportOptions {
  /**
   * Initial receive window per channel, in bytes: how far the server may
   * run ahead of a reader at first. Default 2 MiB (OpenSSH's own session
   * window).
   */
  readonly windowSize?: number;
  /**
   * The most a channel's receive window grows to, in bytes. A window grows
   * while a whole window arrives within about one round trip and the reader
   * keeps up (the link's bandwidth-delay product is larger than the window),
   * and shrinks back toward it when bytes queue (see the README), so this
   * bounds the memory one stream may hold. Default 16 MiB, or `windowSize`
   * if that is larger; set it to `windowSize` for a constant window.
   */
  readonly maximumWindowSize?: number;
  /** Largest data packet we accept, in bytes. Default 32 KiB, as OpenSSH. */
  readonly maximumPacket?: number;
}

const CAPABILITIES: TransportCapabilities = {
  signals: true,
  exitSignals: true,
  binaryCommandLines: true,
  detach: true,
  tunnels: true,
  pty: true,
};

/**
 * The native transport: speaks the OpenSSH mux protocol to the
 * ControlMaster's socket and runs commands as channels over one proxy-mode
 * connection (`MUX_C_PROXY`) — no process per command, and a remote signal
 * is told apart from a lost connection.
 *
 * @example
 * ```ts
 * const session = await Session.connect('me@host', { transport: nativeTransport() });
 * ```
 */
export function nativeTransport(options: NativeTransportOptions = {}): NativeTransportFactory {
  const sizes = channelSizes(options);
  return {
    transportVersion: 2,
    name: 'native',
    mode: 'attach',
    attach: (context) => NativeTransport.attach(context, sizes),
  };
}

function channelSizes(options: NativeTransportOptions): ChannelSizes {
  const windowSize = options.windowSize ?? 2 * 1024 * 1024;
  const maximumPacket = options.maximumPacket ?? 32 * 1024;
  if (!Number.isInteger(windowSize) || windowSize < 1024 || windowSize > 0x7fffffff) {
    throw new SshError(
      'invalid-command',
      `windowSize must be an integer between 1 KiB and 2^31-1, not ${windowSize}`,
    );
  }
  // 224 KiB keeps a data packet with its headers under the 256 KiB frame limit.
  if (!Number.isInteger(maximumPacket) || maximumPacket < 1024 || maximumPacket > 224 * 1024) {
    throw new SshError(
      'invalid-command',
      `maximumPacket must be an integer between 1 KiB and 224 KiB, not ${maximumPacket}`,
    );
  }
  const maximumWindowSize = options.maximumWindowSize ?? Math.max(windowSize, 16 * 1024 * 1024);
  if (
    !Number.isInteger(maximumWindowSize) ||
    maximumWindowSize < windowSize ||
    maximumWindowSize > 0x7fffffff
  ) {
    throw new SshError(
      'invalid-command',
      `maximumWindowSize must be an integer between windowSize (${windowSize}) and 2^31-1, not ${maximumWindowSize}`,
    );
  }
  return { windowSize, maximumPacket, maximumWindowSize };
}

/** A transport attached to one master; see {@link nativeTransport}. */
export class NativeTransport implements Transport {
  readonly transportVersion = 2;
  readonly name = 'native';
  readonly capabilities = CAPABILITIES;
  private readonly tunnels: Tunnels;
  private ended: SshError | undefined;

  private constructor(
    private readonly controlSocket: string,
    private readonly link: ProxyLink,
    private readonly sessionEnvironment: readonly (readonly [string, string])[],
  ) {
    this.tunnels = new Tunnels(link);
  }

  /** Connects to the master and enters proxy mode. */
  static async attach(context: TransportContext, sizes: ChannelSizes): Promise<NativeTransport> {
    const link = await ProxyLink.open(context.controlSocket, sizes, context.signal);
    return new NativeTransport(context.controlSocket, link, context.sessionEnvironment ?? []);
  }

  spawn(request: SpawnRequest): Promise<TransportChild> {
    const refusal = this.refusal();
    if (refusal) return Promise.reject(refusal);
    return spawnRemote(this.link, request, this.sessionEnvironment);
  }

  async check(): Promise<MasterStatus> {
    const reply = await this.control((control) => control.request({ type: 'MUX_C_ALIVE_CHECK' }));
    if (reply.type !== 'MUX_S_ALIVE') throw unexpectedReply('MUX_C_ALIVE_CHECK', reply);
    return { masterPid: reply.pid };
  }

  openForward(request: ForwardRequest): Promise<ForwardResult> {
    return this.control((control) => openForward(control, request));
  }

  async closeForward(request: ForwardRequest): Promise<void> {
    await this.control((control) => closeForward(control, request));
    // The master answers a remote close before the server has cancelled the
    // listener. A channel open sent now reaches the server after the cancel
    // (one connection, in order), so its answer proves the port is closed.
    if (request.kind === 'remote') await this.link.barrier();
  }

  /**
   * Opens a connection from the server to `target` (`direct-tcpip`, or
   * `direct-streamlocal@openssh.com` for a Unix socket path) as a Duplex:
   * a port forward without a local listener.
   */
  openTunnel(target: TunnelTarget): Promise<Duplex> {
    const refusal = this.refusal();
    if (refusal) return Promise.reject(refusal);
    return this.tunnels.open(target);
  }

  /**
   * Asks the server to listen on `listen` (an explicit port: the master
   * routes connections by it) and hands each connection to `onConnection`
   * as a Duplex, in this process.
   */
  listenRemote(
    listen: RemoteListenAddress,
    onConnection: ForwardedConnectionHandler,
  ): Promise<RemoteListener> {
    const refusal = this.refusal();
    if (refusal) return Promise.reject(refusal);
    return this.tunnels.listenRemote(listen, onConnection);
  }

  /**
   * Asks the master to stop accepting mux connections and remove its
   * control socket (`MUX_C_STOP_LISTENING`, as `ssh -O stop`). Sessions
   * already open, this transport's included, go on; the master exits when
   * the last of them ends.
   */
  async stopListening(): Promise<void> {
    const reply = await this.control((control) =>
      control.request({ type: 'MUX_C_STOP_LISTENING' }),
    );
    if (reply.type !== 'MUX_S_OK') {
      throw new SshError(
        'master',
        `the ControlMaster refused to stop listening: ${describeReply(reply)}`,
      );
    }
  }

  async close(): Promise<void> {
    if (this.ended) return;
    const refusal = this.refusal();
    if (refusal) throw refusal;
    const control = await this.connectControl();
    let reply: MuxReply;
    try {
      reply = await control.request({ type: 'MUX_C_TERMINATE' });
    } catch (error) {
      // Told to exit, the master may go before its reply leaves: that is success.
      if (!SshError.isInstance(error) || error.kind !== 'disconnected') throw error;
      reply = { type: 'MUX_S_OK', requestId: 0 };
    } finally {
      control.close();
    }
    if (reply.type !== 'MUX_S_OK') {
      throw new SshError('master', `the ControlMaster refused to exit: ${describeReply(reply)}`);
    }
    this.ended = ownDisconnect('the transport was closed');
    this.link.terminated(this.ended);
  }

  async detach(): Promise<void> {
    if (this.ended) return;
    this.ended = ownDisconnect('the transport was detached');
    await this.link.shutdown();
  }

  private refusal(): SshError | undefined {
    return this.ended ?? this.link.failed;
  }

  /** Runs one mux request on a fresh control connection (the proxy one no longer speaks mux). */
  private async control<T>(operation: (control: MuxControl) => Promise<T>): Promise<T> {
    const refusal = this.refusal();
    if (refusal) throw refusal;
    const control = await this.connectControl();
    try {
      return await operation(control);
    } finally {
      control.close();
    }
  }

  /** A fresh mux connection; the master being unreachable means it is gone. */
  private async connectControl(): Promise<MuxControl> {
    try {
      return await MuxControl.open(this.controlSocket);
    } catch (error) {
      if (SshError.isInstance(error) && error.kind === 'master') {
        throw new SshError('disconnected', `the ControlMaster is gone: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}

function describeReply(reply: { type: string; reason?: string }): string {
  return reply.reason ?? reply.type;
}
