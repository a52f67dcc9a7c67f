import { hasLoneSurrogate } from './lone-surrogate.js';
import { SshError } from './ssh-error.js';

/** A destination split into the parts ssh is given separately. */
export interface ParsedDestination {
  /** Host name, alias from ssh_config, or address (IPv6 without brackets). */
  readonly host: string;
  /** Login user, when the destination names one (`user@host`). */
  readonly user?: string;
  /** Port, when the destination names one (`host:port`, `ssh://host:port`). */
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
 * The one parser of destinations, for the library and every `ossh` command.
 * Accepted forms:
 *
 * - `host`, `user@host` (host: a name, an ssh_config alias or an address)
 * - `host:port`, `user@host:port` — exactly one `:`; ssh itself would look
 *   up the whole `host:port` as a name, which never resolves, so the form
 *   has no other meaning worth keeping (pssh host lists use it)
 * - `[host]`, `[host]:port`, `user@[v6addr]:port` (brackets: the
 *   known_hosts form; needed for an IPv6 address with a port)
 * - a bare IPv6 address (two or more `:`), taken whole: `::1`, `fe80::1`
 * - `ssh://[user@]host[:port]` (also with `[v6addr]`)
 *
 * User and port always come back separately (not every ssh reads the
 * `ssh://` form, as the Rust crate notes); a port in the destination wins
 * over the `port` option. Refused with `invalid-command`: an empty user or
 * host, a port outside 1..65535, a leading `-` (ssh would read an option),
 * whitespace, control characters and lone UTF-16 surrogates (which would
 * reach ssh as U+FFFD, a different name).
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
  } else if (uri || rest.indexOf(':') === rest.lastIndexOf(':')) {
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
  if (hasLoneSurrogate(destination)) refuse(destination, 'a lone UTF-16 surrogate');
  return { host, ...(user === undefined ? {} : { user }), ...(port === undefined ? {} : { port }) };
}
