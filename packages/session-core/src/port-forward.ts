import { SshError } from './ssh-error.js';
import type { ForwardKind, ForwardRequest, SocketAddress } from './transport.js';

/** A socket endpoint as users may write it: an address object, or a Unix socket path. */
export type SocketEndpoint = SocketAddress | string;

/** A forward that `requestPortForward` opened; pass it to `closePortForward`. */
export interface PortForward {
  /** The forward as the transport was asked for it (for a local port 0: with the port chosen). */
  readonly request: ForwardRequest;
  /**
   * For a TCP forward asked on port 0: the port it listens on (remote: the
   * one the server allocated; local or dynamic: the free port chosen here).
   */
  readonly allocatedPort?: number;
}

function endpoint(value: SocketEndpoint | undefined, role: string): SocketAddress {
  if (value === undefined) throw new SshError('invalid-command', `a ${role} address is required`);
  if (typeof value === 'string') {
    if (value === '') throw new SshError('invalid-command', `empty ${role} socket path`);
    return { path: value };
  }
  if ('path' in value) {
    if (value.path === '') throw new SshError('invalid-command', `empty ${role} socket path`);
    return { path: value.path };
  }
  if (!Number.isInteger(value.port) || value.port < 0 || value.port > 65_535) {
    throw new SshError('invalid-command', `invalid ${role} port ${value.port}`);
  }
  if (/[\s\0]/.test(value.host))
    throw new SshError('invalid-command', `invalid ${role} host ${JSON.stringify(value.host)}`);
  return { host: value.host, port: value.port };
}

/** Validates and normalizes a forward as given to `requestPortForward`. */
export function forwardRequest(
  kind: ForwardKind,
  listen: SocketEndpoint,
  connect?: SocketEndpoint,
): ForwardRequest {
  switch (kind) {
    case 'dynamic':
      if (connect !== undefined)
        throw new SshError('invalid-command', 'a dynamic (SOCKS) forward has no connect address');
      return { kind, listen: endpoint(listen, 'listen') };
    case 'local':
    case 'remote':
      return { kind, listen: endpoint(listen, 'listen'), connect: endpoint(connect, 'connect') };
    default:
      throw new SshError('invalid-command', `unknown forward kind ${JSON.stringify(kind)}`);
  }
}
