import type { ForwardEndpoint } from '@openssh-ts/mux-codec';
import {
  SshError,
  type ForwardRequest,
  type ForwardResult,
  type SocketAddress,
} from '@openssh-ts/session-core';
import type { MuxControl } from './mux-control.js';

/** A socket address as the mux protocol spells it (PROTOCOL.mux §6). */
function endpoint(address: SocketAddress | undefined): ForwardEndpoint {
  // A dynamic forward has no connect side; ssh itself names it `socks`
  // (readconf.c), and the master refuses an empty host.
  if (!address) return { kind: 'tcp', host: 'socks', port: 0 };
  if ('path' in address) return { kind: 'unix', path: address.path };
  if (!Number.isInteger(address.port) || address.port < 0 || address.port > 65535) {
    throw new SshError('forward', `invalid port ${address.port}`);
  }
  return { kind: 'tcp', host: address.host, port: address.port };
}

function describe(request: ForwardRequest): string {
  const show = (address: SocketAddress): string =>
    'path' in address ? address.path : `${address.host}:${address.port}`;
  const target = request.kind === 'dynamic' ? '' : ` -> ${show(request.connect)}`;
  return `${request.kind} forward ${show(request.listen)}${target}`;
}

function fields(request: ForwardRequest) {
  return {
    forwardType: request.kind,
    listen: endpoint(request.listen),
    connect: endpoint(request.kind === 'dynamic' ? undefined : request.connect),
  };
}

/** `MUX_C_OPEN_FWD`; a remote TCP forward on port 0 resolves with the port the server chose. */
export async function openForward(
  control: MuxControl,
  request: ForwardRequest,
): Promise<ForwardResult> {
  const reply = await control.request({ type: 'MUX_C_OPEN_FWD', ...fields(request) });
  if (reply.type === 'MUX_S_OK') return {};
  if (reply.type === 'MUX_S_REMOTE_PORT') {
    if (reply.allocatedPort > 65535) {
      throw new SshError('mux', `the master reported remote port ${reply.allocatedPort}`);
    }
    return { allocatedPort: reply.allocatedPort };
  }
  if (reply.type === 'MUX_S_FAILURE' || reply.type === 'MUX_S_PERMISSION_DENIED') {
    throw new SshError('forward', `cannot open ${describe(request)}: ${reply.reason}`);
  }
  throw new SshError('mux', `unexpected reply ${reply.type} to MUX_C_OPEN_FWD`);
}

/** `MUX_C_CLOSE_FWD`: the request must match the one that opened the forward. */
export async function closeForward(control: MuxControl, request: ForwardRequest): Promise<void> {
  const reply = await control.request({ type: 'MUX_C_CLOSE_FWD', ...fields(request) });
  if (reply.type === 'MUX_S_OK') return;
  if (reply.type === 'MUX_S_FAILURE' || reply.type === 'MUX_S_PERMISSION_DENIED') {
    throw new SshError('forward', `cannot close ${describe(request)}: ${reply.reason}`);
  }
  throw new SshError('mux', `unexpected reply ${reply.type} to MUX_C_CLOSE_FWD`);
}
