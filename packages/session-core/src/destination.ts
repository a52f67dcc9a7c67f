import { SshError } from './ssh-error.js';

/** A destination split into the parts ssh is given separately. */
export interface ParsedDestination {
  /** Host name, alias from ssh_config, or address (IPv6 without brackets). */
  readonly host: string;
  readonly user?: string;
  readonly port?: number;
}

function parsePort(text: string, destination: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65_535)) {
    throw new SshError(
      'invalid-command',
      `invalid port ${JSON.stringify(text)} in destination ${JSON.stringify(destination)}`,
    );
  }
  return port;
}

function refuse(destination: string, why: string): never {
  throw new SshError(
    'invalid-command',
    `invalid destination ${JSON.stringify(destination)}: ${why}`,
  );
}

/**
 * Parses `host`, `user@host`, `[v6addr]`, `user@[v6addr]:port` and
 * `ssh://user@host:port`. The `ssh://` form is always translated into
 * separate user and port, because not every ssh understands it (as the Rust
 * crate does). A destination that ssh could read as an option (leading `-`),
 * or that holds whitespace or control characters, is refused: it would be
 * an option injection or a confusing failure later.
 */
export function parseDestination(destination: string): ParsedDestination {
  let rest = destination;
  let uri = false;
  if (rest.startsWith('ssh://')) {
    uri = true;
    rest = rest.slice('ssh://'.length).replace(/\/$/, '');
  }
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (user === '') refuse(destination, 'empty user name');
  }
  let port: number | undefined;
  let host = rest;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) refuse(destination, 'unclosed [');
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after.startsWith(':')) port = parsePort(after.slice(1), destination);
    else if (after !== '') refuse(destination, `unexpected ${JSON.stringify(after)} after ]`);
  } else if (uri) {
    const colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      port = parsePort(rest.slice(colon + 1), destination);
      host = rest.slice(0, colon);
    }
  }
  if (host === '') refuse(destination, 'empty host');
  if (host.startsWith('-') || (user?.startsWith('-') ?? false))
    refuse(destination, 'it would be read as an ssh option');
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(destination))
    refuse(destination, 'whitespace or control character');
  return { host, ...(user === undefined ? {} : { user }), ...(port === undefined ? {} : { port }) };
}
