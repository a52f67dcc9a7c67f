// Issue 15.12: in-process tunnels as Session API behind the `tunnels`
// capability — openTunnel (a Duplex to a target reached from the server)
// and listenRemote (a server listener whose connections come here) — on
// every transport, with a refused target a typed error and close cleaning
// up (no tunnel ssh left: the suite's leak check; the far end sees the end).
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectTo, loopbackAddress, sharedSocketDirectory } from './suite-forwarding.js';
import type { RemoteListener } from '@openssh-ts/session-core';
import type { SuiteContext } from './suite-context.js';

/** An echo server that counts the connections it holds. */
async function echoServer(
  listen: { host: string; port: number } | { path: string },
): Promise<{ server: Server; open: () => number } & AsyncDisposable> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen('path' in listen ? listen.path : listen, resolve);
  });
  return {
    server,
    open: () => sockets.size,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Writes `text` and reads until it has come back. */
async function echoed(stream: Duplex, text: string): Promise<string> {
  stream.write(text);
  let received = '';
  for await (const chunk of stream) {
    received += String(chunk);
    if (received.length >= text.length) break;
  }
  return received;
}

/** Waits a bounded while for `condition` (an end that travels asynchronously). */
async function eventually(condition: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

/** Registers the tunnel tests. */
export function tunnelTests(context: SuiteContext): void {
  describe('in-process tunnels (Session.openTunnel / listenRemote)', () => {
    it('openTunnel: text echoes through a tunnel to a TCP server, and destroying it ends the far connection', async () => {
      await using session = await context.connect();
      expect(session.transport.capabilities.tunnels).toBe(true);
      const address = await loopbackAddress();
      await using echo = await echoServer(address);
      const tunnel = await session.openTunnel(address);
      expect(await echoed(tunnel, 'ping through the tunnel')).toBe('ping through the tunnel');
      expect(echo.open()).toBe(1);
      tunnel.destroy();
      expect(await eventually(() => echo.open() === 0)).toBe(true);
      await session.check();
    });

    it('openTunnel: a target the server cannot connect to is SshError forward, and the session lives on', async () => {
      await using session = await context.connect();
      const closed = await loopbackAddress();
      const refused = await session.openTunnel(closed).catch((error: unknown) => error);
      expect(refused).toMatchObject({ kind: 'forward' });
      expect(String(refused)).toContain(String(closed.port));
      expect((await session.command('echo').arg('alive').output()).stdout.toString()).toBe(
        'alive\n',
      );
    });

    it('openTunnel to a Unix socket: echoes, or is unsupported with the reason where the transport cannot', async () => {
      await using session = await context.connect();
      const path = join(sharedSocketDirectory(context.directory()), 'echo.sock');
      await using echo = await echoServer({ path });
      // The login user may be another account: it must be able to connect.
      chmodSync(path, 0o777);
      const opened = await session.openTunnel({ path }).catch((error: unknown) => error);
      if (session.transport.name === 'process') {
        expect(opened).toMatchObject({ kind: 'unsupported' });
        expect(String(opened)).toMatch(/ssh -W/);
        return;
      }
      if (!(opened instanceof Duplex)) throw opened;
      const tunnel = opened;
      expect(await echoed(tunnel, 'over a unix socket')).toBe('over a unix socket');
      tunnel.destroy();
      expect(await eventually(() => echo.open() === 0)).toBe(true);
    });

    it('listenRemote on port 0: the port the server picked reaches the callback and close() cancels it (native: refused, it needs a port)', async () => {
      await using session = await context.connect();
      const picked = await session
        .listenRemote({ host: '127.0.0.1', port: 0 }, (connection) => connection.pipe(connection))
        .catch((error: unknown) => error);
      if (session.transport.name === 'native') {
        expect(picked).toMatchObject({ kind: 'forward' });
        return;
      }
      const listener = picked as RemoteListener;
      expect(listener.port).toBeGreaterThan(0);
      const socket = await connectTo({ host: '127.0.0.1', port: listener.port });
      expect(await echoed(socket, 'picked')).toBe('picked');
      socket.destroy();
      await listener.close();
    });

    it('listenRemote: a connection to the server listener reaches the callback; after close() none does', async () => {
      await using session = await context.connect();
      const address = await loopbackAddress();
      const origins: number[] = [];
      const listener = await session.listenRemote(address, (connection, origin) => {
        origins.push(origin.connectedPort);
        connection.on('error', () => undefined);
        connection.pipe(connection);
      });
      expect(listener.port).toBe(address.port);
      // Native cannot see the server's reply to tcpip-forward: try until it listens.
      let socket: Socket | undefined;
      for (let attempt = 0; attempt < 100 && socket === undefined; attempt += 1) {
        socket = await connectTo(address).catch(() => undefined);
        if (socket === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(socket).toBeDefined();
      expect(await echoed(socket!, 'called back')).toBe('called back');
      socket!.destroy();
      expect(origins).toEqual([address.port]);
      await listener.close();
      // Refused at connect, or (native: the server keeps its listener until
      // the master exits) accepted and then closed without reaching us.
      const late = await connectTo(address).catch(() => undefined);
      if (late !== undefined) {
        late.on('error', () => undefined);
        late.resume();
        late.write('x');
        expect(await eventually(() => late.destroyed || late.readableEnded)).toBe(true);
        late.destroy();
      }
      expect(origins).toEqual([address.port]);
    });
  });
}
