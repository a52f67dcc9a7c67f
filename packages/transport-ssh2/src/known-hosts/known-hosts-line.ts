/**
 * One line of an OpenSSH known_hosts file (sshd(8) "SSH_KNOWN_HOSTS FILE
 * FORMAT", read as hostfile.c's `hostkeys_foreach_file` does):
 *
 * `[@cert-authority|@revoked] hosts keytype base64-key [comment]`
 *
 * `hosts` is either a comma-separated pattern list or one hashed name
 * (`|1|salt|hash`). Blank lines and `#` comments carry nothing; any line ssh
 * would call bad (unknown marker, truncated, unknown key type, a blob whose
 * own type disagrees with the written one) is `invalid` and never matches.
 *
 * @packageDocumentation
 */
import { isHashedHostField, matchHashedHost } from './hashed-host.js';
import { matchHostList } from './host-patterns.js';
import { KNOWN_KEY_TYPES, keyTypeOfBlob } from './public-key-blob.js';

/** What a marker says about a line's key: a host key, a host CA, or a revoked key. */
export type KnownHostsMarker = 'none' | 'cert-authority' | 'revoked';

/** A usable known_hosts line. */
export interface KnownHostsEntry {
  readonly kind: 'entry';
  /** The file the line came from, as it was opened. */
  readonly file: string;
  /** 1-based line number, as ssh reports it. */
  readonly line: number;
  readonly marker: KnownHostsMarker;
  /** The host field as written: a pattern list or a hashed name. */
  readonly hosts: string;
  readonly keyType: string;
  /** The key blob, decoded from base64. */
  readonly key: Buffer;
  readonly comment: string;
}

/** A line with nothing in it: blank or a comment. */
export interface KnownHostsBlank {
  readonly kind: 'blank';
}

/** A line ssh would skip as bad, with why. */
export interface KnownHostsInvalid {
  readonly kind: 'invalid';
  readonly reason: string;
}

/** What one line holds. */
export type KnownHostsLine = KnownHostsEntry | KnownHostsBlank | KnownHostsInvalid;

/** A base64 key blob longer than this is refused (a 16384-bit RSA key is about 2.8 KB). */
const MAX_ENCODED_KEY_LENGTH = 16 * 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const WHITESPACE = /[ \t]+/;

function invalid(reason: string): KnownHostsInvalid {
  return { kind: 'invalid', reason };
}

/** Splits off the first whitespace-delimited field; `rest` has its leading whitespace removed. */
function firstField(text: string): { field: string; rest: string | undefined } {
  const match = WHITESPACE.exec(text);
  if (match === null) return { field: text, rest: undefined };
  return { field: text.slice(0, match.index), rest: text.slice(match.index + match[0].length) };
}

/** Parses one line (without its newline) of the known_hosts file `file`. */
export function parseKnownHostsLine(text: string, file: string, line: number): KnownHostsLine {
  let rest = text.replace(/^[ \t]+/, '').replace(/\r$/, '');
  if (rest === '' || rest.startsWith('#')) return { kind: 'blank' };

  let marker: KnownHostsMarker = 'none';
  if (rest.startsWith('@')) {
    const split = firstField(rest);
    if (split.field === '@cert-authority') marker = 'cert-authority';
    else if (split.field === '@revoked') marker = 'revoked';
    else return invalid(`unknown marker ${JSON.stringify(split.field.slice(0, 32))}`);
    if (split.rest === undefined || split.rest.startsWith('@')) {
      return invalid('a marker must be followed by hosts, and only one marker is allowed');
    }
    rest = split.rest;
  }

  const hostsSplit = firstField(rest);
  if (hostsSplit.rest === undefined || hostsSplit.rest === '' || hostsSplit.rest.startsWith('#')) {
    return invalid('truncated before the key type');
  }
  const hosts = hostsSplit.field;
  const typeSplit = firstField(hostsSplit.rest);
  const keyType = typeSplit.field;
  if (!KNOWN_KEY_TYPES.has(keyType)) {
    return invalid(`unknown key type ${JSON.stringify(keyType.slice(0, 64))}`);
  }
  if (typeSplit.rest === undefined || typeSplit.rest === '')
    return invalid('truncated after the key type');
  const keySplit = firstField(typeSplit.rest);
  const encoded = keySplit.field;
  if (encoded.length > MAX_ENCODED_KEY_LENGTH || !BASE64.test(encoded)) {
    return invalid('the key is not base64 of a sensible length');
  }
  const key = Buffer.from(encoded, 'base64');
  if (keyTypeOfBlob(key) !== keyType) return invalid(`the key blob is not of type ${keyType}`);
  return { kind: 'entry', file, line, marker, hosts, keyType, key, comment: keySplit.rest ?? '' };
}

/**
 * Whether an entry names `hostName` (lowercased, `[host]:port` form for
 * ports other than 22). A malformed hashed name matches nothing.
 */
export function entryMatchesHost(entry: KnownHostsEntry, hostName: string): boolean {
  if (isHashedHostField(entry.hosts)) return matchHashedHost(entry.hosts, hostName) === true;
  return matchHostList(hostName, entry.hosts.split(','));
}
