import { createServer, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readSocksRequest, type SocksRequest } from './socks-request.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A loopback pair: the client end and the request read on the server end. */
async function exchange(
  bytes: Uint8Array,
): Promise<{ client: Socket; request: Promise<SocksRequest> }> {
  // Boxed: a promise resolved with a promise would wait for it.
  let resolveRequest!: (box: { request: Promise<SocksRequest> }) => void;
  const requested = new Promise<{ request: Promise<SocksRequest> }>(
    (resolve) => (resolveRequest = resolve),
  );
  const server = createServer((socket) => {
    cleanups.push(() => socket.destroy());
    const request = readSocksRequest(socket);
    request.catch(() => undefined);
    resolveRequest({ request });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const client = connect(port, '127.0.0.1');
  cleanups.push(() => client.destroy());
  client.write(bytes);
  return { client, request: (await requested).request };
}

describe('readSocksRequest', () => {
  it('reads a SOCKS5 CONNECT to a domain name, split or not', async () => {
    const name = Buffer.from('example.test');
    const { request } = await exchange(
      Uint8Array.of(5, 1, 0, 5, 1, 0, 3, name.length, ...name, 0x01, 0xbb),
    );
    await expect(request).resolves.toMatchObject({ host: 'example.test', port: 443 });
  });

  it('reads SOCKS4a with a host name after the user id', async () => {
    const { request } = await exchange(
      Uint8Array.of(
        4,
        1,
        0,
        80,
        0,
        0,
        0,
        1,
        ...Buffer.from('me'),
        0,
        ...Buffer.from('host.test'),
        0,
      ),
    );
    await expect(request).resolves.toMatchObject({ host: 'host.test', port: 80 });
  });

  it('refuses other versions, other commands and endless requests with SshError forward', async () => {
    await expect((await exchange(Uint8Array.of(6, 1))).request).rejects.toMatchObject({
      kind: 'forward',
    });
    await expect(
      (await exchange(Uint8Array.of(5, 1, 0, 5, 2, 0, 1, 127, 0, 0, 1, 0, 80))).request,
    ).rejects.toMatchObject({ kind: 'forward' });
    await expect(
      (await exchange(Uint8Array.of(4, 1, 0, 80, 1, 2, 3, 4, ...new Uint8Array(700).fill(65))))
        .request,
    ).rejects.toMatchObject({ kind: 'forward' });
  });
});
