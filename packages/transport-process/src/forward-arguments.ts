import { SshError, type ForwardRequest, type SocketAddress } from '@openssh-ts/session-core';

function address(value: SocketAddress): string {
  if ('path' in value) {
    // ssh splits forward specifications at ':' and whitespace.
    if (/[:\s]/.test(value.path)) {
      throw new SshError(
        'invalid-command',
        `the process transport cannot forward a socket path containing ':' or whitespace: ${JSON.stringify(value.path)}`,
      );
    }
    return value.path;
  }
  const host = value.host.includes(':') ? `[${value.host}]` : value.host;
  return `${host}:${value.port}`;
}

/** The `-L`/`-R`/`-D` flag and specification ssh takes for a forward. */
export function forwardArguments(request: ForwardRequest): [string, string] {
  switch (request.kind) {
    case 'local':
      return ['-L', `${address(request.listen)}:${address(request.connect)}`];
    case 'remote':
      return ['-R', `${address(request.listen)}:${address(request.connect)}`];
    case 'dynamic':
      return ['-D', address(request.listen)];
  }
}
