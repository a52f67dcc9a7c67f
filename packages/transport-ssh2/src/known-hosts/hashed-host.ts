/**
 * Hashed known_hosts host names (`HashKnownHosts yes`, `ssh-keygen -H`), as
 * OpenSSH's hostfile.c writes and reads them: `|1|` + base64(salt) + `|` +
 * base64(HMAC-SHA1 keyed with the 20-byte salt over the host name). The
 * name hashed is the one ssh looks up: lowercased, and `[host]:port` for a
 * port other than 22.
 *
 * @packageDocumentation
 */
import { createHmac, randomBytes } from 'node:crypto';

/** What starts a hashed host field. */
export const HASH_MAGIC = '|1|';
const HASH_DELIMITER = '|';
/** HMAC-SHA1 wants, and OpenSSH insists on, a salt of the digest's size. */
const SALT_BYTES = 20;
/** OpenSSH refuses an encoded salt longer than this. */
const MAX_ENCODED_SALT = 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Whether a known_hosts host field is hashed rather than a pattern list. */
export function isHashedHostField(field: string): boolean {
  return field.startsWith(HASH_DELIMITER);
}

/**
 * Hashes `hostName` (already lowercased and port-qualified) for a
 * known_hosts line, with a fresh random salt unless one is given.
 */
export function hashHostName(hostName: string, salt: Uint8Array = randomBytes(SALT_BYTES)): string {
  if (salt.length !== SALT_BYTES) {
    throw new RangeError(`a known_hosts salt is ${SALT_BYTES} bytes, not ${salt.length}`);
  }
  const digest = createHmac('sha1', salt).update(hostName, 'utf8').digest('base64');
  return `${HASH_MAGIC}${Buffer.from(salt).toString('base64')}${HASH_DELIMITER}${digest}`;
}

/**
 * Whether the hashed host `field` is `hostName`, or `invalid` when the
 * field is malformed (wrong magic, missing delimiter, a salt that is not
 * 20 bytes of base64) — OpenSSH then treats the whole line as bad.
 * Compares the re-encoded hash with the field exactly, as hostfile.c does.
 */
export function matchHashedHost(field: string, hostName: string): boolean | 'invalid' {
  if (!field.startsWith(HASH_MAGIC)) return 'invalid';
  const rest = field.slice(HASH_MAGIC.length);
  const delimiter = rest.indexOf(HASH_DELIMITER);
  if (delimiter <= 0 || delimiter > MAX_ENCODED_SALT) return 'invalid';
  const encodedSalt = rest.slice(0, delimiter);
  if (!BASE64.test(encodedSalt)) return 'invalid';
  const salt = Buffer.from(encodedSalt, 'base64');
  if (salt.length !== SALT_BYTES) return 'invalid';
  return hashHostName(hostName, salt) === field;
}
