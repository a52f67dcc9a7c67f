// Parses ssh's -L / -R / -D forward specifications into the ForwardRequest
// shape of session-core. Mirrors the field rules of OpenSSH's parse_forward
// (readconf.c): fields are separated by ':' outside square brackets, a field
// holding a '/' is a Unix socket path, and the number of fields decides which
// of the documented forms was meant.
import type { ForwardRequest, SocketAddress } from '@openssh-ts/session-core';
import { UsageError } from './usage-error.js';

/** Bound on a spec's length: longer input is a mistake, not a forward. */
const MAX_SPEC_LENGTH = 4096;

/** Where a forward listens when the spec names no bind address, as ssh without GatewayPorts. */
export const DEFAULT_BIND_ADDRESS = 'localhost';

interface Field {
  readonly text: string;
  /** Written in square brackets (an IPv6 address); never a path. */
  readonly bracketed: boolean;
}

function splitFields(spec: string, flag: string): Field[] {
  const fields: Field[] = [];
  let index = 0;
  for (;;) {
    if (spec[index] === '[') {
      const close = spec.indexOf(']', index);
      if (close === -1) throw invalid(flag, spec, 'an opening "[" has no closing "]"');
      fields.push({ text: spec.slice(index + 1, close), bracketed: true });
      index = close + 1;
      if (index < spec.length && spec[index] !== ':') {
        throw invalid(flag, spec, `expected ":" after "]"`);
      }
    } else {
      const colon = spec.indexOf(':', index);
      const end = colon === -1 ? spec.length : colon;
      fields.push({ text: spec.slice(index, end), bracketed: false });
      index = end;
    }
    if (index >= spec.length) return fields;
    index += 1; // the ':'
  }
}

function isPath(field: Field): boolean {
  return !field.bracketed && field.text.includes('/');
}

function invalid(flag: string, spec: string, why: string): UsageError {
  return new UsageError(`invalid ${flag} forward "${spec.slice(0, 200)}": ${why}`, flagHint(flag));
}

function flagHint(flag: string): string {
  switch (flag) {
    case '-L':
      return 'use -L [bind:]port:host:hostport, -L [bind:]port:/remote/socket or -L /local/socket:host:hostport';
    case '-R':
      return 'use -R [bind:]port:host:hostport, -R [bind:]port:/local/socket or -R /remote/socket:host:hostport';
    default:
      return 'use -D [bind:]port';
  }
}

function parsePort(flag: string, spec: string, field: Field, allowZero: boolean): number {
  if (!/^\d{1,5}$/.test(field.text)) {
    throw invalid(flag, spec, `"${field.text}" is not a port number`);
  }
  const port = Number(field.text);
  if (port > 65535 || (port === 0 && !allowZero)) {
    throw invalid(flag, spec, `port ${port} is out of range (${allowZero ? 0 : 1}-65535)`);
  }
  return port;
}

function parseHost(flag: string, spec: string, field: Field): string {
  if (isPath(field))
    throw invalid(flag, spec, `"${field.text}" is a path where a host was expected`);
  if (field.text === '') throw invalid(flag, spec, 'the host is empty');
  return field.text;
}

function tcp(host: string, port: number): SocketAddress {
  return { host, port };
}

/** The listening half and the connecting half of a -L or -R spec. */
function parseEndpoints(
  flag: string,
  spec: string,
  fields: readonly Field[],
): { listen: SocketAddress; connect: SocketAddress } {
  const [first, second, third, fourth] = fields;
  if (first !== undefined && second !== undefined && third === undefined) {
    if (isPath(first) && isPath(second)) {
      return { listen: { path: first.text }, connect: { path: second.text } };
    }
    if (isPath(second)) {
      return {
        listen: tcp(DEFAULT_BIND_ADDRESS, parsePort(flag, spec, first, true)),
        connect: { path: second.text },
      };
    }
  }
  if (first !== undefined && second !== undefined && third !== undefined && fourth === undefined) {
    if (isPath(first)) {
      return {
        listen: { path: first.text },
        connect: tcp(parseHost(flag, spec, second), parsePort(flag, spec, third, false)),
      };
    }
    if (isPath(third)) {
      return {
        listen: tcp(first.text, parsePort(flag, spec, second, true)),
        connect: { path: third.text },
      };
    }
    return {
      listen: tcp(DEFAULT_BIND_ADDRESS, parsePort(flag, spec, first, true)),
      connect: tcp(parseHost(flag, spec, second), parsePort(flag, spec, third, false)),
    };
  }
  if (
    fourth !== undefined &&
    fields.length === 4 &&
    first !== undefined &&
    second !== undefined &&
    third !== undefined
  ) {
    return {
      listen: tcp(first.text, parsePort(flag, spec, second, true)),
      connect: tcp(parseHost(flag, spec, third), parsePort(flag, spec, fourth, false)),
    };
  }
  throw invalid(flag, spec, `${fields.length} field(s) do not form a forward`);
}

/**
 * Parses one forward spec as ssh does.
 *
 * @param kind - `local` for -L, `remote` for -R, `dynamic` for -D.
 * @param spec - the flag's value, e.g. `8080:localhost:80`, `[::1]:0:db:5432`,
 *   `/tmp/app.sock:localhost:3000`, `1080`.
 * @throws {@link UsageError} on anything ssh would refuse, and on a bare
 *   `-R port` (reverse SOCKS), which openssh-ts does not offer.
 */
export function parseForwardSpec(kind: ForwardRequest['kind'], spec: string): ForwardRequest {
  const flag = kind === 'local' ? '-L' : kind === 'remote' ? '-R' : '-D';
  if (spec.length === 0) throw invalid(flag, spec, 'it is empty');
  if (spec.length > MAX_SPEC_LENGTH) throw invalid(flag, spec, 'it is too long');
  const fields = splitFields(spec, flag);
  if (kind === 'dynamic') {
    const [first, second] = fields;
    if (first !== undefined && second === undefined) {
      return {
        kind,
        listen: isPath(first)
          ? { path: first.text }
          : tcp(DEFAULT_BIND_ADDRESS, parsePort(flag, spec, first, true)),
      };
    }
    if (first !== undefined && second !== undefined && fields.length === 2) {
      return { kind, listen: tcp(first.text, parsePort(flag, spec, second, true)) };
    }
    throw invalid(flag, spec, `${fields.length} fields do not form a SOCKS listener`);
  }
  if (kind === 'remote' && fields.length <= 2 && !fields.some(isPath)) {
    throw invalid(flag, spec, 'reverse SOCKS (-R without a target) is not supported');
  }
  return { kind, ...parseEndpoints(flag, spec, fields) };
}

/** Renders a socket address as ssh writes it: `host:port`, `[v6]:port` or a path. */
export function formatSocketAddress(address: SocketAddress): string {
  if ('path' in address) return address.path;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${host}:${address.port}`;
}

/** One line describing a forward, e.g. `-L localhost:8080 -> db:5432`. */
export function describeForward(request: ForwardRequest): string {
  const flag = request.kind === 'local' ? '-L' : request.kind === 'remote' ? '-R' : '-D';
  const listen = formatSocketAddress(request.listen);
  return request.kind === 'dynamic'
    ? `${flag} ${listen} (SOCKS)`
    : `${flag} ${listen} -> ${formatSocketAddress(request.connect)}`;
}
