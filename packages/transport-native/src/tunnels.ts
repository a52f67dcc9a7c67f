import type { Duplex } from 'node:stream';
import {
  SshError,
  type ForwardedConnectionHandler,
  type RemoteListenAddress,
  type RemoteListener,
  type TunnelTarget,
} from '@openssh-ts/session-core';
import type { Channel } from './channel.js';
import { ChannelDuplex } from './channel-streams.js';
import type { IncomingOpen } from './incoming-open.js';
import type { ProxyLink } from './proxy-link.js';

/**
 * In-process port forwarding over the proxy link: `direct-tcpip` /
 * `direct-streamlocal@openssh.com` channels we open, and `forwarded-tcpip`
 * channels the server opens for a `tcpip-forward` we asked for.
 */
export class Tunnels {
  private readonly listeners = new Map<string, ForwardedConnectionHandler>();

  constructor(private readonly link: ProxyLink) {
    link.incomingOpen = (open, accept) => this.incoming(open, accept);
  }

  /**
   * Opens a channel to `target` and returns it as a Duplex; a target the
   * server cannot connect to is `forward`, as on every transport.
   */
  async open(target: TunnelTarget): Promise<Duplex> {
    const opening = this.link.openChannel(
      'path' in target
        ? { kind: 'direct-streamlocal@openssh.com', socketPath: target.path }
        : {
            kind: 'direct-tcpip',
            host: target.host,
            port: checkPort(target.port),
            originatorAddress: target.originator?.host ?? '127.0.0.1',
            originatorPort: checkPort(target.originator?.port ?? 0),
          },
    );
    const channel = await opening.catch((error: unknown) => {
      if (!SshError.isInstance(error) || error.kind !== 'remote') throw error;
      const where = 'path' in target ? target.path : `${target.host}:${target.port}`;
      throw new SshError('forward', `the server could not connect to ${where}: ${error.message}`, {
        cause: error,
      });
    });
    return new ChannelDuplex(channel);
  }

  /**
   * Sends `tcpip-forward` for `listen` and routes the server's
   * `forwarded-tcpip` channels for it to `onConnection`.
   *
   * Limits of proxy mode (OpenSSH 9.2, `channel_proxy_downstream`): the
   * master keeps the server's reply to itself, so success cannot be
   * confirmed here (an impossible listen shows up as no connections); the
   * master routes by the requested port, so port 0 cannot be used; and
   * `cancel-tcpip-forward` from a proxy client makes the master drop it, so
   * {@link RemoteListener.close} stops accepting locally while the server
   * keeps its listener until the master exits. For a forward the server can
   * confirm and cancel, use `openForward({ kind: 'remote', ... })`. So this
   * resolves once the request is sent, not once the server listens.
   */
  listenRemote(
    listen: RemoteListenAddress,
    onConnection: ForwardedConnectionHandler,
  ): Promise<RemoteListener> {
    return new Promise((resolve) => resolve(this.#listen(listen, onConnection)));
  }

  #listen(listen: RemoteListenAddress, onConnection: ForwardedConnectionHandler): RemoteListener {
    if (listen.port === 0)
      throw new SshError('forward', 'an in-process remote listener needs an explicit port');
    const key = `${listen.host}:${checkPort(listen.port)}`;
    if (this.listeners.has(key)) throw new SshError('forward', `already listening on ${key}`);
    this.listeners.set(key, onConnection);
    this.link.globalRequest({
      kind: 'tcpip-forward',
      bindAddress: listen.host,
      bindPort: listen.port,
    });
    return {
      port: listen.port,
      close: () => {
        if (this.listeners.get(key) === onConnection) this.listeners.delete(key);
        return Promise.resolve();
      },
    };
  }

  private incoming(open: IncomingOpen, accept: () => Channel): boolean {
    const { channel: origin } = open;
    if (origin.kind !== 'forwarded-tcpip') return false;
    const handler = this.listeners.get(`${origin.connectedAddress}:${origin.connectedPort}`);
    if (!handler) return false;
    const { connectedAddress, connectedPort, originatorAddress, originatorPort } = origin;
    handler(new ChannelDuplex(accept()), {
      connectedAddress,
      connectedPort,
      originatorAddress,
      originatorPort,
    });
    return true;
  }
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new SshError('forward', `invalid port ${port}`);
  return port;
}
