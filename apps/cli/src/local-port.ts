import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port on `host` by binding port 0 and closing
 * again. ssh does not report the port it picks for `-L 0`/`-D 0`, so ossh
 * picks it itself and asks for that port; another process could take it in
 * between, in which case opening the forward fails and says so.
 */
export function pickFreeLocalPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error(`no port was assigned on ${host}`));
      });
    });
  });
}
