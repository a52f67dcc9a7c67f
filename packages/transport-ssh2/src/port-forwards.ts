import { connect as connectLocal, createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  SshError,
  type ForwardedConnectionHandler,
  type TunnelTarget,
  type ForwardRequest,
  type ForwardResult,
  type SocketAddress,
} from '@openssh-ts/session-core';
import type { Client, ClientChannel, TcpConnectionDetails, UNIXConnectionDetails } from 'ssh2';
import { traceChannel, traceChannelRefused } from './channel-trace.js';
import { readSocksRequest } from './socks-request.js';

function describe(address: SocketAddress): string {
  return 'path' in address ? address.path : `${address.host}:${address.port}`;
}

function keyOf(request: ForwardRequest): string {
  return `${request.kind} ${describe(request.listen)}`;
}

/**
 * Joins two streams both ways. An end travels as an end (pending bytes
 * are still written), a failure destroys the other side.
 */
function splice(local: Duplex, remote: Duplex): void {
  local.on('error', () => remote.destroy());
  remote.on('error', () => local.destroy());
  local.on('close', () => remote.end());
  remote.on('close', () => local.end());
  local.pipe(remote);
  remote.pipe(local);
}

/**
 * Port forwards done in this process over the ssh2 connection: local and
 * dynamic ones listen here and open `direct-tcpip` /
 * `direct-streamlocal@openssh.com` channels; remote ones ask the server to
 * listen (`tcpip-forward`, `streamlocal-forward@openssh.com`) and connect
 * here for each channel it opens.
 */
export class PortForwards {
  readonly #client: Client;
  readonly #listeners = new Map<string, Server>();
  readonly #remote = new Map<string, { request: ForwardRequest; port: number }>();
  readonly #handlers = new Map<string, ForwardedConnectionHandler>();
  readonly #connections = new Set<Duplex>();

  constructor(client: Client) {
    this.#client = client;
    client.on('tcp connection', (details: TcpConnectionDetails, accept, reject) => {
      const handler = this.#handlers.get(`${details.destIP}:${details.destPort}`);
      if (handler === undefined) return void reject();
      const channel = accept();
      traceChannel(
        channel,
        () =>
          `forwarded-tcpip ${details.destIP}:${details.destPort} from ${details.srcIP}:${details.srcPort}`,
      );
      handler(this.#track(channel), {
        connectedAddress: details.destIP,
        connectedPort: details.destPort,
        originatorAddress: details.srcIP,
        originatorPort: details.srcPort,
      });
    });
    client.on('unix connection', (details: UNIXConnectionDetails, accept, reject) => {
      const handler = this.#handlers.get(details.socketPath);
      if (handler === undefined) return void reject();
      const channel = accept();
      traceChannel(channel, () => `forwarded-streamlocal@openssh.com ${details.socketPath}`);
      handler(this.#track(channel), {
        connectedAddress: details.socketPath,
        connectedPort: 0,
        originatorAddress: '',
        originatorPort: 0,
      });
    });
  }

  /** Opens a channel from the server to `target`, as a Duplex. */
  openTunnel(target: TunnelTarget): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      const done = (error: Error | undefined, channel: ClientChannel): void => {
        const what = (): string =>
          `${'path' in target ? 'direct-streamlocal@openssh.com' : 'direct-tcpip'} ${describe(target)}`;
        if (error) {
          traceChannelRefused(what, error);
          reject(
            new SshError(
              'forward',
              `the server refused to connect to ${describe(target)}: ${error.message}`,
              {
                cause: error,
              },
            ),
          );
        } else {
          traceChannel(channel, what);
          resolve(this.#track(channel));
        }
      };
      try {
        if ('path' in target) this.#client.openssh_forwardOutStreamLocal(target.path, done);
        else {
          const origin = target.originator ?? { host: '127.0.0.1', port: 0 };
          this.#client.forwardOut(origin.host, origin.port, target.host, target.port, done);
        }
      } catch (error) {
        reject(new SshError('disconnected', 'the connection is closed', { cause: error }));
      }
    });
  }

  /**
   * Asks the server to listen on `listen` and hands each connection to
   * `onConnection` in this process. Resolves with the port the server
   * bound (the one asked, or the one it chose for port 0).
   */
  listenRemote(listen: SocketAddress, onConnection: ForwardedConnectionHandler): Promise<number> {
    return new Promise((resolve, reject) => {
      const failed = (error: Error): void =>
        reject(
          new SshError(
            'forward',
            `the server refused to listen on ${describe(listen)}: ${error.message}`,
            {
              cause: error,
            },
          ),
        );
      if ('path' in listen) {
        this.#client.openssh_forwardInStreamLocal(listen.path, (error) => {
          if (error) return failed(error);
          this.#handlers.set(listen.path, onConnection);
          resolve(0);
        });
        return;
      }
      this.#client.forwardIn(listen.host, listen.port, (error, bound) => {
        if (error) return failed(error);
        const port = listen.port === 0 ? bound : listen.port;
        this.#handlers.set(`${listen.host}:${port}`, onConnection);
        resolve(port);
      });
    });
  }

  /** Stops a remote listener set up by {@link listenRemote}. */
  unlistenRemote(listen: SocketAddress, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (error: Error | null | undefined): void => {
        if (error)
          reject(
            new SshError('forward', `cancelling ${describe(listen)} failed: ${error.message}`),
          );
        else resolve();
      };
      if ('path' in listen) {
        this.#handlers.delete(listen.path);
        this.#client.openssh_unforwardInStreamLocal(listen.path, done);
      } else {
        this.#handlers.delete(`${listen.host}:${port}`);
        this.#client.unforwardIn(listen.host, port, done);
      }
    });
  }

  async open(request: ForwardRequest): Promise<ForwardResult> {
    const key = keyOf(request);
    if (this.#listeners.has(key) || this.#remote.has(key)) {
      throw new SshError('forward', `a forward on ${describe(request.listen)} is already open`);
    }
    if (request.kind === 'remote') {
      const target = request.connect;
      const port = await this.listenRemote(request.listen, (channel) => {
        const local =
          'path' in target ? connectLocal(target.path) : connectLocal(target.port, target.host);
        splice(this.#track(local), channel);
      });
      this.#remote.set(key, { request, port });
      return 'port' in request.listen && request.listen.port === 0 ? { allocatedPort: port } : {};
    }
    const server = createServer((socket) => {
      this.#track(socket);
      if (request.kind === 'local') void this.#forwardLocal(socket, request.connect);
      else void this.#forwardSocks(socket);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(
          new SshError(
            'forward',
            `cannot listen on ${describe(request.listen)}: ${error.message}`,
            {
              cause: error,
            },
          ),
        ),
      );
      if ('path' in request.listen) server.listen(request.listen.path, resolve);
      else server.listen(request.listen.port, request.listen.host, resolve);
    });
    this.#listeners.set(key, server);
    return {};
  }

  async close(request: ForwardRequest): Promise<void> {
    const key = keyOf(request);
    const server = this.#listeners.get(key);
    if (server !== undefined) {
      this.#listeners.delete(key);
      await new Promise((resolve) => server.close(resolve));
      return;
    }
    const remote = this.#remote.get(key);
    if (remote === undefined) {
      throw new SshError('forward', `no forward on ${describe(request.listen)} is open`);
    }
    this.#remote.delete(key);
    await this.unlistenRemote(request.listen, remote.port);
  }

  /** Closes every listener and forwarded connection (the connection is ending). */
  async closeAll(): Promise<void> {
    const servers = [...this.#listeners.values()];
    this.#listeners.clear();
    this.#remote.clear();
    this.#handlers.clear();
    for (const connection of this.#connections) connection.destroy();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }

  #track<T extends Duplex>(stream: T): T {
    this.#connections.add(stream);
    stream.once('close', () => this.#connections.delete(stream));
    return stream;
  }

  async #forwardLocal(socket: Socket, target: SocketAddress): Promise<void> {
    try {
      splice(socket, await this.openTunnel(target));
    } catch {
      socket.destroy();
    }
  }

  async #forwardSocks(socket: Socket): Promise<void> {
    try {
      const request = await readSocksRequest(socket);
      let channel: Duplex;
      try {
        channel = await this.openTunnel({ host: request.host, port: request.port });
      } catch (error) {
        request.reply(false);
        throw error;
      }
      request.reply(true);
      splice(socket, channel);
      socket.resume();
    } catch {
      socket.end();
    }
  }
}
