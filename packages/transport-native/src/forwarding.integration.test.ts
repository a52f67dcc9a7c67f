import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, isAlive, processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import type { ForwardRequest } from '@openssh-ts/session-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMaster, type TestMaster } from './master-fixture.js';
import { nativeTransport, type NativeTransport } from './native-transport.js';

let master: TestMaster;
let transport: NativeTransport;
let echo: Server;
let echoPort: number;
let scratch: string;

const openConnections = new WeakMap<Server, Set<Socket>>();

/** Closes a server without waiting for connections a test left open. */
function stopServer(server: Server): Promise<void> {
  for (const socket of openConnections.get(server) ?? []) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** An echo server: what the "remote" side (this machine) connects forwards to. */
function startEcho(listen: { port: number } | { path: string }): Promise<Server> {
  const connections = new Set<Socket>();
  const server = createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  openConnections.set(server, connections);
  // The login user on the "remote" side is not us: let it reach the socket.
  server.on('listening', () => {
    if ('path' in listen) chmodSync(listen.path, 0o777);
  });
  return new Promise((resolve) =>
    'path' in listen
      ? server.listen(listen.path, () => resolve(server))
      : server.listen(listen.port, '127.0.0.1', () => resolve(server)),
  );
}

/** Writes `data` and resolves with the next `replyLength` bytes read. */
function exchange(stream: Duplex, data: Uint8Array | string, replyLength: number): Promise<Buffer> {
  const received: Buffer[] = [];
  let length = 0;
  return new Promise<Buffer>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      received.push(chunk);
      length += chunk.byteLength;
      if (length < replyLength) return;
      stream.off('data', onData);
      stream.off('error', reject);
      stream.pause();
      resolve(Buffer.concat(received));
    };
    stream.on('error', reject);
    stream.on('data', onData);
    stream.resume();
    stream.write(data);
  });
}

/** Writes `message` to an echo and reads it back. */
async function roundTrip(stream: Duplex, message: string): Promise<string> {
  return (await exchange(stream, message, message.length)).toString();
}

function dial(target: { port: number } | { path: string }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = 'path' in target ? connect(target.path) : connect(target.port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

beforeEach(async () => {
  master = await startMaster(harnessSshd());
  transport = await nativeTransport().attach({
    controlSocket: master.controlSocket,
    sshPath: 'ssh',
  });
  echoPort = await freePort('127.0.0.1');
  echo = await startEcho({ port: echoPort });
  scratch = mkdtempSync('/tmp/ossh-fwd-');
  chmodSync(scratch, 0o777);
});

afterEach(async () => {
  await transport.detach();
  await stopServer(echo);
  await master.stop();
  rmSync(scratch, { recursive: true, force: true });
  expect(processesMentioning([master.directory, scratch])).toEqual([]);
  expect(existsSync(master.directory)).toBe(false);
});

describe('native transport: forwards through the mux protocol', () => {
  it('opens and closes a local TCP forward', async () => {
    const listenPort = await freePort('127.0.0.1');
    const forward: ForwardRequest = {
      kind: 'local',
      listen: { host: '127.0.0.1', port: listenPort },
      connect: { host: '127.0.0.1', port: echoPort },
    };
    expect(await transport.openForward(forward)).toEqual({});
    const socket = await dial({ port: listenPort });
    expect(await roundTrip(socket, 'through -L')).toBe('through -L');
    socket.destroy();
    await transport.closeForward(forward);
    await expect(dial({ port: listenPort })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('opens a remote forward on port 0 and reports the port the server chose', async () => {
    const forward: ForwardRequest = {
      kind: 'remote',
      listen: { host: '127.0.0.1', port: 0 },
      connect: { host: '127.0.0.1', port: echoPort },
    };
    const { allocatedPort } = await transport.openForward(forward);
    expect(allocatedPort).toBeGreaterThan(0);
    const socket = await dial({ port: allocatedPort! });
    expect(await roundTrip(socket, 'through -R')).toBe('through -R');
    socket.destroy();
    await transport.closeForward(forward);
  });

  it('forwards Unix sockets both ways of naming them', async () => {
    const target = join(scratch, 'echo.sock');
    const unixEcho = await startEcho({ path: target });
    try {
      const listen = join(scratch, 'listen.sock');
      const forward: ForwardRequest = {
        kind: 'local',
        listen: { path: listen },
        connect: { path: target },
      };
      await transport.openForward(forward);
      const socket = await dial({ path: listen });
      expect(await roundTrip(socket, 'unix to unix')).toBe('unix to unix');
      socket.destroy();
      await transport.closeForward(forward);
    } finally {
      await stopServer(unixEcho);
    }
  });

  it('opens a dynamic (SOCKS) forward that reaches a TCP service', async () => {
    const listenPort = await freePort('127.0.0.1');
    const forward: ForwardRequest = {
      kind: 'dynamic',
      listen: { host: '127.0.0.1', port: listenPort },
    };
    await transport.openForward(forward);
    const socket = await dial({ port: listenPort });
    // SOCKS5: no authentication, then CONNECT 127.0.0.1:echoPort (RFC 1928).
    expect([...(await exchange(socket, Buffer.from([5, 1, 0]), 2))]).toEqual([5, 0]);
    const request = Buffer.from([5, 1, 0, 1, 127, 0, 0, 1, echoPort >> 8, echoPort & 0xff]);
    const reply = await exchange(socket, request, 10);
    expect(reply[1]).toBe(0);
    expect(await roundTrip(socket, 'through -D')).toBe('through -D');
    socket.destroy();
    await transport.closeForward(forward);
  });

  it('maps a forward the master refuses to a forward error', async () => {
    const forward: ForwardRequest = {
      kind: 'local',
      listen: { host: '127.0.0.1', port: echoPort },
      connect: { host: '127.0.0.1', port: 9 },
    };
    await expect(transport.openForward(forward)).rejects.toMatchObject({ kind: 'forward' });
  });
});

describe('native transport: forwarding in-process', () => {
  it('opens a direct-tcpip channel as a Duplex, without a local listener', async () => {
    const tunnel = await transport.openTunnel({ host: '127.0.0.1', port: echoPort });
    expect(await roundTrip(tunnel, 'direct-tcpip')).toBe('direct-tcpip');
    tunnel.destroy();
  });

  it('opens a direct-streamlocal channel to a Unix socket', async () => {
    const path = join(scratch, 'echo.sock');
    const unixEcho = await startEcho({ path });
    try {
      const tunnel = await transport.openTunnel({ path });
      expect(await roundTrip(tunnel, 'streamlocal')).toBe('streamlocal');
      tunnel.destroy();
    } finally {
      await stopServer(unixEcho);
    }
  });

  it('rejects a tunnel the server cannot connect, and the master lives on', async () => {
    const closedPort = await freePort('127.0.0.1');
    await expect(
      transport.openTunnel({ host: '127.0.0.1', port: closedPort }),
    ).rejects.toMatchObject({
      kind: 'forward',
    });
    await transport.detach();
    expect(isAlive(master.pid)).toBe(true);
    const other = await nativeTransport().attach({
      controlSocket: master.controlSocket,
      sshPath: 'ssh',
    });
    expect(await other.check()).toEqual({ masterPid: master.pid });
    await other.detach();
  });

  it('hands connections to a remote listener to a callback, as Duplex streams', async () => {
    const port = await freePort('127.0.0.1');
    const listener = await transport.listenRemote(
      { host: '127.0.0.1', port },
      (connection, origin) => {
        expect(origin.connectedPort).toBe(port);
        connection.on('error', () => undefined);
        connection.pipe(connection);
      },
    );
    // The master keeps the server's reply to itself: wait for the bind by trying.
    let socket: Socket | undefined;
    for (let attempt = 0; attempt < 100 && !socket; attempt += 1) {
      socket = await dial({ port }).catch(() => undefined);
      if (!socket) await sleep(50);
    }
    expect(await roundTrip(socket!, 'forwarded-tcpip')).toBe('forwarded-tcpip');
    socket!.destroy();
    await listener.close();
  });
});
