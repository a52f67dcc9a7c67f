// Session.listenRemote on the process transport: a remote forward
// (`ssh -O forward -R host:port:<socket>`) to a Unix socket this process
// listens on, inside the master's 0700 control directory, so each
// connection the server accepts arrives here as a socket. The server's
// forwarded-tcpip channel names the originator, but the master keeps it to
// itself: origins carry the listen address and port only.
import { rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import {
  SshError,
  type ForwardedConnectionHandler,
  type ForwardRequest,
  type RemoteListenAddress,
  type RemoteListener,
} from '@openssh-ts/session-core';
import type { MasterControl } from './master-control.js';

let nextListener = 0;

function listenOn(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Every remote listener of one transport, closed with it. */
export class ForwardedListeners {
  readonly #control: MasterControl;
  readonly #directory: string;
  readonly #open = new Set<RemoteListener>();

  constructor(control: MasterControl, controlSocket: string) {
    this.#control = control;
    this.#directory = dirname(controlSocket);
  }

  async listen(
    listen: RemoteListenAddress,
    onConnection: ForwardedConnectionHandler,
  ): Promise<RemoteListener> {
    if (!Number.isInteger(listen.port) || listen.port < 0 || listen.port > 65535)
      throw new SshError('forward', `invalid listen port ${String(listen.port)}`);
    const path = join(this.#directory, `rl${process.pid}-${nextListener++}`);
    const connections = new Set<Socket>();
    let port = listen.port;
    const server = createServer((socket) => {
      connections.add(socket);
      socket.once('close', () => connections.delete(socket));
      onConnection(socket, {
        connectedAddress: listen.host,
        connectedPort: port,
        originatorAddress: '',
        originatorPort: 0,
      });
    });
    await listenOn(server, path);
    const stopLocal = async (): Promise<void> => {
      await new Promise((resolve) => server.close(resolve));
      await rm(path, { force: true });
    };
    // Cancelled as asked: the master records a port-0 forward under 0 and
    // refuses a cancel naming the allocated port ("port not forwarded").
    const request: ForwardRequest = { kind: 'remote', listen, connect: { path } };
    try {
      const result = await this.#control.openForward(request);
      if (result.allocatedPort !== undefined) port = result.allocatedPort;
    } catch (error) {
      await stopLocal();
      throw error;
    }
    let closing: Promise<void> | undefined;
    const listener: RemoteListener = {
      port,
      close: () =>
        (closing ??= (async () => {
          this.#open.delete(listener);
          try {
            await this.#control.closeForward(request);
          } finally {
            await stopLocal();
          }
        })()),
    };
    this.#open.add(listener);
    return listener;
  }

  /** Closes every listener still open (the master may already be gone). */
  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.#open].map((listener) => listener.close()));
  }
}
