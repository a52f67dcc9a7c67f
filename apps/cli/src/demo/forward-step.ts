// Demo step: a local port forward carrying an HTTP request to a server on
// the far side (both ends on loopback: the sandbox sshd runs on this machine).
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Session } from '@openssh-ts/session-core';
import { freePort } from '@openssh-ts/test-sshd';
import type { DemoPrinter } from './demo-printer.js';

const GREETING = 'hello through the tunnel';

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function fetchText(port: number, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(
      { host: '127.0.0.1', port, path: '/', agent: false, signal },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (body.length < 4096) body += chunk;
        });
        response.on('end', () => resolve(body));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

/** Opens `-L <free port>:127.0.0.1:<server>` and sends one request through it. */
export async function forwardStep(
  session: Session,
  printer: DemoPrinter,
  signal: AbortSignal,
): Promise<void> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
    response.end(GREETING);
  });
  const serverPort = await listen(server);
  try {
    const listenPort = await freePort('127.0.0.1');
    const forward = await session.requestPortForward(
      'local',
      { host: '127.0.0.1', port: listenPort },
      { host: '127.0.0.1', port: serverPort },
    );
    printer.detail(
      `-L 127.0.0.1:${listenPort} → (sshd) → 127.0.0.1:${serverPort}, a small HTTP server`,
    );
    try {
      const body = await fetchText(listenPort, signal);
      if (body === GREETING) printer.ok(`GET http://127.0.0.1:${listenPort}/ → "${body}"`);
      else
        printer.fail(`unexpected reply through the forward: ${JSON.stringify(body.slice(0, 80))}`);
    } finally {
      await session.closePortForward(forward);
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
