// The crate's tests/openssh.rs, port forwarding (local_socket_forward,
// remote_socket_forward), extended: TCP and Unix endpoints on either side,
// a remote forward on port 0, and a dynamic (SOCKS5) forward.
import { chmodSync, mkdirSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@openssh-ts/test-sshd';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './suite-context.js';

const DATA = '0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n';

/** A TCP address on 127.0.0.1 that nothing listens on yet. */
export async function loopbackAddress(): Promise<{ host: string; port: number }> {
  return { host: '127.0.0.1', port: await freePort('127.0.0.1') };
}

/**
 * A listener that greets every connection with DATA and closes it. Held
 * with `using`: leaving the test stops it listening, as a `finally` would.
 */
async function greeter(
  listen: { host: string; port: number } | { path: string },
): Promise<Server & Disposable> {
  const server = createServer((socket) => socket.end(DATA));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen('path' in listen ? listen.path : listen, resolve);
  });
  return Object.assign(server, { [Symbol.dispose]: () => void server.close() });
}

async function readAll(socket: Socket): Promise<string> {
  let text = '';
  for await (const chunk of socket) text += String(chunk);
  return text;
}

export function connectTo(
  target: { host: string; port: number } | { path: string },
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = 'path' in target ? connect(target.path) : connect(target.port, target.host);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Retries while the master's listener comes up (`-O forward` returns before it may accept). */
async function fetchThrough(
  target: { host: string; port: number } | { path: string },
): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await readAll(await connectTo(target));
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Resolves once connecting to `target` is refused. A remote forward's
 * cancel is acknowledged by the master before the server has closed its
 * listener (mux.c answers at once), so refusal comes shortly after.
 */
async function eventuallyRefused(
  target: { host: string; port: number } | { path: string },
): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      (await connectTo(target)).destroy();
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? 'unknown';
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return 'still accepting';
}

/** A socket directory the unprivileged login user can use too. */
export function sharedSocketDirectory(parent: string): string {
  chmodSync(parent, 0o755);
  const directory = join(parent, 'shared');
  mkdirSync(directory, { mode: 0o777 });
  chmodSync(directory, 0o777);
  return directory;
}

/** Registers the forwarding tests. */
export function forwardingTests(context: SuiteContext): void {
  describe('port forwarding', () => {
    it('local: a Unix socket here reaches a TCP server there; closed, it refuses', async () => {
      await using session = await context.connect();
      const target = await loopbackAddress();
      using _server = await greeter(target);
      const path = join(context.directory(), 'forwarded.sock');
      const forward = await session.requestPortForward('local', path, target);
      expect(await fetchThrough({ path })).toBe(DATA);
      await session.closePortForward(forward);
      expect(['ECONNREFUSED', 'ENOENT']).toContain(await eventuallyRefused({ path }));
    });

    it('remote: a TCP port there reaches a Unix socket here', async () => {
      await using session = await context.connect();
      const path = join(context.directory(), 'listener.sock');
      using _server = await greeter({ path });
      const listen = await loopbackAddress();
      await session.requestPortForward('remote', listen, path);
      expect(await fetchThrough(listen)).toBe(DATA);
      await session.closePortForward('remote', listen, path);
      expect(await eventuallyRefused(listen)).toBe('ECONNREFUSED');
    });

    it('local TCP to a remote Unix socket, and a remote Unix socket to local TCP', async () => {
      await using session = await context.connect();
      const shared = sharedSocketDirectory(context.directory());
      const remotePath = join(shared, 'remote-target.sock');
      using _unixServer = await greeter({ path: remotePath });
      chmodSync(remotePath, 0o777);
      const tcpTarget = await loopbackAddress();
      using _tcpServer = await greeter(tcpTarget);
      const listen = await loopbackAddress();
      await session.requestPortForward('local', listen, remotePath);
      expect(await fetchThrough(listen)).toBe(DATA);
      const remoteListen = join(shared, 'remote-listen.sock');
      await session.requestPortForward('remote', remoteListen, tcpTarget);
      expect(await fetchThrough({ path: remoteListen })).toBe(DATA);
    });

    // Local: OpenSSH reports no port for a local listener (regression: the
    // native transport gave none, the process transport refused port 0).
    it.each(['remote', 'local'] as const)(
      '%s on port 0: the port listened on is returned and works',
      async (kind) => {
        await using session = await context.connect();
        const target = await loopbackAddress();
        using _server = await greeter(target);
        const forward = await session.requestPortForward(
          kind,
          { host: '127.0.0.1', port: 0 },
          target,
        );
        expect(forward.allocatedPort).toBeGreaterThan(0);
        const allocated = { host: '127.0.0.1', port: forward.allocatedPort ?? 0 };
        expect(await fetchThrough(allocated)).toBe(DATA);
        await session.closePortForward(forward);
        expect(await eventuallyRefused(allocated)).toBe('ECONNREFUSED');
      },
    );

    it('dynamic: a SOCKS5 listener here connects through the server', async () => {
      await using session = await context.connect();
      const target = await loopbackAddress();
      using _server = await greeter(target);
      const listen = await loopbackAddress();
      const forward = await session.requestPortForward('dynamic', listen);
      const socket = await connectTo(listen);
      // RFC 1928: greeting (no auth), then CONNECT to an IPv4 address.
      socket.write(Uint8Array.of(5, 1, 0));
      socket.write(Uint8Array.of(5, 1, 0, 1, 127, 0, 0, 1, target.port >> 8, target.port & 0xff));
      const reply = Buffer.from(await readAll(socket), 'latin1');
      expect([...reply.subarray(0, 2)]).toEqual([5, 0]);
      expect(reply.subarray(2 + 10).toString()).toBe(DATA);
      await session.closePortForward(forward);
    });

    it('bad forwards are typed errors', async () => {
      await using session = await context.connect();
      await expect(
        session.requestPortForward('local', { host: '127.0.0.1', port: 70_000 }, '/x'),
      ).rejects.toMatchObject({ kind: 'invalid-command' });
      using busy = await greeter(await loopbackAddress());
      const address = busy.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      await expect(
        session.requestPortForward(
          'local',
          { host: '127.0.0.1', port },
          { host: '127.0.0.1', port: 9 },
        ),
      ).rejects.toMatchObject({ kind: 'forward' });
    });
  });
}
