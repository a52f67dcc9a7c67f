// Test support: a loopback HTTP server that answers `hello <path>`, the far
// end of forwards under test, and a client that fetches through a port.
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running hello server; dispose it to close it and every connection. */
export interface HelloServer extends AsyncDisposable {
  readonly port: number;
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startHelloServer(): Promise<HelloServer> {
  const server = createServer((request, response) => {
    response.writeHead(200, { connection: 'close' });
    response.end(`hello ${request.url ?? ''}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** GETs `path` from 127.0.0.1:`port` and resolves with the body. */
export function fetchText(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}
