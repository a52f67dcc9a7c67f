// Host lists of `ossh run`: `-H a,b,c` and `--hosts-file FILE` (one host per
// line, as pssh reads them: `[user@]host[:port]`, `#` comments).
import { UsageError } from './usage-error.js';

/** One host to fan out to. */
export interface HostEntry {
  /** As written, for display and `--json`: `deploy@web-1:2222`. */
  readonly label: string;
  /** Destination for `Session.connect`: `deploy@web-1`, `[::1]`. */
  readonly destination: string;
  /** Port when the entry named one. */
  readonly port?: number;
}

/** Refuse absurd files rather than allocate for them. */
const MAX_HOSTS = 100_000;
const MAX_ENTRY_LENGTH = 1024;

/**
 * Parses one host entry: `host`, `user@host`, `host:port`, `[v6]`, `[v6]:port`,
 * `user@[v6]:port`. A bare IPv6 address (more than one ':') is taken whole.
 *
 * @param where - where the entry came from, for the error message.
 * @throws {@link UsageError} on a malformed entry.
 */
export function parseHostEntry(entry: string, where: string): HostEntry {
  const label = entry.trim();
  const fail = (why: string): UsageError =>
    new UsageError(
      `${where}: "${label.slice(0, 200)}" is not a host: ${why}`,
      'write [user@]host[:port]',
    );
  if (label === '') throw fail('it is empty');
  if (label.length > MAX_ENTRY_LENGTH) throw fail('it is too long');
  if (/\s/.test(label)) throw fail('it contains whitespace');
  const at = label.lastIndexOf('@', label.indexOf('[') === -1 ? undefined : label.indexOf('['));
  const hostPart = at === -1 ? label : label.slice(at + 1);
  if (at === 0 || hostPart === '') throw fail('the user or host is empty');
  let hostEnd = hostPart.length;
  let port: number | undefined;
  if (hostPart.startsWith('[')) {
    const close = hostPart.indexOf(']');
    if (close === -1) throw fail('"[" without "]"');
    if (close + 1 < hostPart.length) {
      if (hostPart[close + 1] !== ':') throw fail('expected ":" after "]"');
      port = parsePort(hostPart.slice(close + 2), fail);
    }
    hostEnd = close + 1;
  } else if (hostPart.split(':').length === 2) {
    const colon = hostPart.indexOf(':');
    port = parsePort(hostPart.slice(colon + 1), fail);
    hostEnd = colon;
  }
  const destination = label.slice(0, label.length - hostPart.length + hostEnd);
  return port === undefined ? { label, destination } : { label, destination, port };
}

function parsePort(text: string, fail: (why: string) => UsageError): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw fail(`"${text}" is not a port (1-65535)`);
  return port;
}

/** Parses `-H a,b,c`. */
export function parseHostOption(value: string): HostEntry[] {
  return value
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => parseHostEntry(part, '-H'));
}

/**
 * Parses a hosts file's text: one entry per line, blank lines and `#`
 * comments (whole-line or trailing) ignored.
 *
 * @param fileName - for error messages (`hosts.txt:3: ...`).
 */
export function parseHostsFile(text: string, fileName: string): HostEntry[] {
  const hosts: HostEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const content = line.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') continue;
    if (hosts.length >= MAX_HOSTS) {
      throw new UsageError(`${fileName}: more than ${MAX_HOSTS} hosts`);
    }
    hosts.push(parseHostEntry(content, `${fileName}:${index + 1}`));
  }
  return hosts;
}
