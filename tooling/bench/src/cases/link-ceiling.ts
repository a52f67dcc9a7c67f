// The stream cases' ceiling over an emulated link: the same number of bytes
// over plain TCP through a link relay with the run's delay and rate, from a
// server in this very process, so no SSH (no window, no cipher, no sshd) is
// in the path. What is left is the link itself and the relay.
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { startLinkRelay, type LinkRelay } from '@openssh-ts/link-relay';
import type { Contender, Sample } from '../bench-case.js';
import { countBytes, expectBytes, mebibytesPerSecond, writeZeros } from '../byte-streams.js';
import { now } from '../child-process.js';
import type { LinkSetup } from '../environment.js';

/** Name of the row. */
export const TCP_THROUGH_LINK = 'TCP through the link relay (no SSH)';

/**
 * Plain TCP through a relay of its own with the same delay and rate as the
 * run's link: the download reads `bytes` from the far end, the upload writes
 * them and waits until the far end has counted them all.
 */
export function tcpThroughLink(
  link: LinkSetup,
  direction: 'download' | 'upload',
  bytes: number,
): Contender {
  let server: Server | undefined;
  let relay: LinkRelay | undefined;
  let received: Promise<number> | undefined;
  return {
    name: TCP_THROUGH_LINK,
    role: 'reference',
    isolate: true,
    setup: async () => {
      server = createServer((socket: Socket) => {
        socket.setNoDelay(true);
        if (direction === 'download') void writeZeros(socket, bytes).catch(() => socket.destroy());
        else received = countBytes(socket);
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP port');
      relay = await startLinkRelay({
        target: { host: '127.0.0.1', port: address.port },
        delayMs: link.roundTripMs / 2,
        priority: -10,
        ...(link.rateMbitPerSecond === undefined
          ? {}
          : { rateMbitPerSecond: link.rateMbitPerSecond }),
      });
    },
    run: async (): Promise<Sample> => {
      if (relay === undefined) throw new Error('not set up');
      const socket = connect({ host: relay.host, port: relay.port, noDelay: true });
      await once(socket, 'connect');
      // Timed from the connected socket: connecting is the connect case's business.
      const started = now();
      if (direction === 'download') {
        expectBytes(await countBytes(socket), bytes, 'TCP');
      } else {
        await writeZeros(socket, bytes);
        socket.resume();
        await once(socket, 'end');
        expectBytes((await received) ?? 0, bytes, 'TCP far end');
      }
      const value = mebibytesPerSecond(bytes, started);
      socket.destroy();
      return { value };
    },
    teardown: async () => {
      await relay?.close();
      await new Promise<void>((resolve) =>
        server === undefined ? resolve() : server.close(() => resolve()),
      );
    },
  };
}
