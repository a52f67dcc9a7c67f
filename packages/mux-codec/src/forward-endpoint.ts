import { CodecError } from './codec-error.js';
import {
  MUX_FWD_DYNAMIC,
  MUX_FWD_LOCAL,
  MUX_FWD_REMOTE,
  PORT_STREAMLOCAL,
} from './mux-constants.js';
import type { ForwardEndpoint, ForwardType } from './mux-messages.js';
import type { Reader } from './reader.js';
import type { Encodable } from './text.js';
import type { Writer } from './writer.js';

/** Reads `string host, uint32 port` as an endpoint; mux.c refuses ports above 65535 except PORT_STREAMLOCAL. */
export function readEndpoint(reader: Reader, what: string): ForwardEndpoint {
  const host = reader.cText(`${what} host`);
  const portAt = reader.offset();
  const port = reader.uint32(`${what} port`);
  if (port === PORT_STREAMLOCAL) return { kind: 'unix', path: host };
  if (port > 65535) {
    throw new CodecError('invalid-value', `${what} port ${port} is above 65535`, {
      offset: portAt,
    });
  }
  return { kind: 'tcp', host, port };
}

/** Writes an endpoint as `string host, uint32 port`. */
export function writeEndpoint(
  writer: Writer,
  endpoint: Encodable<ForwardEndpoint>,
  what: string,
): void {
  if (endpoint.kind === 'unix') {
    writer.text(endpoint.path, `${what} path`, true).uint32(PORT_STREAMLOCAL, `${what} port`);
    return;
  }
  if (!Number.isInteger(endpoint.port) || endpoint.port < 0 || endpoint.port > 65535) {
    throw new CodecError(
      'invalid-argument',
      `${what} port must be in [0, 65535], got ${String(endpoint.port)}`,
    );
  }
  writer.text(endpoint.host, `${what} host`, true).uint32(endpoint.port, `${what} port`);
}

/** Reads a forwarding type; mux.c refuses any other value. */
export function readForwardType(reader: Reader): ForwardType {
  const at = reader.offset();
  const value = reader.uint32('forwarding type');
  switch (value) {
    case MUX_FWD_LOCAL:
      return 'local';
    case MUX_FWD_REMOTE:
      return 'remote';
    case MUX_FWD_DYNAMIC:
      return 'dynamic';
    default:
      throw new CodecError('invalid-value', `unknown forwarding type ${value}`, { offset: at });
  }
}

/** The wire number of a forwarding type. */
export function forwardTypeNumber(forwardType: ForwardType): number {
  switch (forwardType) {
    case 'local':
      return MUX_FWD_LOCAL;
    case 'remote':
      return MUX_FWD_REMOTE;
    case 'dynamic':
      return MUX_FWD_DYNAMIC;
    default:
      throw new CodecError('invalid-argument', `unknown forwarding type ${String(forwardType)}`);
  }
}
