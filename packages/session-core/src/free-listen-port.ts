// Local (and dynamic) forwards asked on TCP port 0. Unlike a remote forward,
// where the server reports the port it bound (MUX_S_REMOTE_PORT), OpenSSH
// gives no port back for a local listener: mux.c answers MUX_C_OPEN_FWD with
// a plain MUX_S_OK, and `ssh -O forward -L` refuses port 0 outright
// (readconf.c parse_forward). So the port is chosen here — one the kernel
// hands out for the listen address at that moment — and the transport is
// asked for exactly that port: what is reported is what the master bound.
// Should another process take the port in between, the master refuses the
// forward and another port is tried.
import { createServer } from 'node:net';
import { SshError } from './ssh-error.js';
import type { ForwardRequest, ForwardResult } from './transport.js';

/** How many ports are tried before the last refusal is passed on. */
const ATTEMPTS = 5;

/** A TCP port free on `host` now (`''` and `*` mean every interface, as in ssh). */
export function freeListenPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) =>
      reject(
        new SshError('forward', `cannot find a free port on ${host || '*'}: ${error.message}`, {
          cause: error,
        }),
      ),
    );
    const onListening = (): void => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    };
    if (host === '' || host === '*') server.listen(0, onListening);
    else server.listen(0, host, onListening);
  });
}

/** Whether `request` listens locally on TCP port 0. */
export function wantsFreeLocalPort(request: ForwardRequest): boolean {
  return request.kind !== 'remote' && 'port' in request.listen && request.listen.port === 0;
}

/**
 * Opens a local or dynamic forward asked on port 0 on a free port chosen
 * here, retrying on a refusal; returns the request as opened (with that
 * port) and the port.
 */
export async function openOnFreeLocalPort(
  request: ForwardRequest,
  open: (request: ForwardRequest) => Promise<ForwardResult>,
): Promise<{ request: ForwardRequest; allocatedPort: number }> {
  if (!('port' in request.listen)) throw new SshError('invalid-command', 'not a TCP listener');
  const { host } = request.listen;
  for (let attempt = 1; ; attempt += 1) {
    const port = await freeListenPort(host);
    const concrete: ForwardRequest = { ...request, listen: { host, port } };
    try {
      await open(concrete);
      return { request: concrete, allocatedPort: port };
    } catch (error) {
      if (attempt >= ATTEMPTS || !SshError.isInstance(error) || error.kind !== 'forward')
        throw error;
    }
  }
}
