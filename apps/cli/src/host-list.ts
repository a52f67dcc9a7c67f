// Host lists of `ossh run`: `-H a,b,c` and `--hosts-file FILE` (one host per
// line, as pssh reads them: `[user@]host[:port]`, `#` comments).
import { parseDestination, SshError, type ParsedDestination } from '@openssh-ts/session-core';
import { UsageError } from './usage-error.js';

/** One host to fan out to. */
export interface HostEntry {
  /** As written, for display and `--json`: `deploy@web-1:2222`. */
  readonly label: string;
  /** Destination for `Session.connect`, as written (it parses the same way). */
  readonly destination: string;
  /** Port when the entry named one. */
  readonly port?: number;
}

/** Refuse absurd files rather than allocate for them. */
const MAX_HOSTS = 100_000;
const MAX_ENTRY_LENGTH = 1024;

/**
 * Parses one host entry with session-core's `parseDestination`, the parser
 * of every ossh command and of the library: `host`, `user@host`,
 * `host:port`, `[v6]`, `[v6]:port`, `user@[v6]:port`, `ssh://…`; a bare
 * IPv6 address (more than one ':') is taken whole.
 *
 * @param where - where the entry came from, for the error message.
 * @throws {@link UsageError} on a malformed entry.
 */
export function parseHostEntry(entry: string, where: string): HostEntry {
  const label = entry.trim();
  const fail = (why: string): UsageError =>
    new UsageError(
      `${where}: "${label.slice(0, 200)}" is not a host: ${why}`,
      'write [user@]host[:port], [user@][v6]:port or ssh://[user@]host[:port]',
    );
  if (label === '') throw fail('it is empty');
  if (label.length > MAX_ENTRY_LENGTH) throw fail('it is too long');
  let parsed: ParsedDestination;
  try {
    parsed = parseDestination(label);
  } catch (error) {
    if (SshError.isInstance(error)) throw fail(error.message);
    throw error;
  }
  return parsed.port === undefined
    ? { label, destination: label }
    : { label, destination: label, port: parsed.port };
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
