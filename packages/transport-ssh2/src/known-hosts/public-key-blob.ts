/**
 * Public keys as SSH carries them (RFC 4253 §6.6): a blob that starts with
 * the key type as an SSH string (uint32 big-endian length, then the name).
 * known_hosts holds the same blob in base64 after the written type, and
 * ssh2's host verifier hands us the server's blob, so keys are compared as
 * bytes.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';

/** Longest key type name we accept (`sk-ecdsa-sha2-nistp256-cert-v01@openssh.com` is 43). */
const MAX_KEY_TYPE_LENGTH = 64;

const PLAIN_KEY_TYPES = [
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'sk-ssh-ed25519@openssh.com',
  'ssh-xmss@openssh.com',
];
const CERTIFICATE_SUFFIX = '-cert-v01@openssh.com';

/**
 * Key types OpenSSH's `sshkey_read` knows (sshkey.c's keytypes table,
 * OpenSSH 9.x). A known_hosts line with any other type is a bad line to
 * ssh and so to us: it must not make a host's key look changed.
 */
export const KNOWN_KEY_TYPES: ReadonlySet<string> = new Set([
  ...PLAIN_KEY_TYPES,
  ...PLAIN_KEY_TYPES.map((type) => type.replace(/@openssh\.com$/, '') + CERTIFICATE_SUFFIX),
]);

/** Whether a key type names an OpenSSH certificate rather than a plain key. */
export function isCertificateType(keyType: string): boolean {
  return keyType.endsWith(CERTIFICATE_SUFFIX);
}

/**
 * The key type a blob declares, or undefined when the blob is too short or
 * its name length is out of bounds (untrusted bytes: nothing is read past
 * the end).
 */
export function keyTypeOfBlob(blob: Uint8Array): string | undefined {
  if (blob.length < 4) return undefined;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const length = view.getUint32(0);
  if (length === 0 || length > MAX_KEY_TYPE_LENGTH || length > blob.length - 4) return undefined;
  const name = Buffer.from(blob.buffer, blob.byteOffset + 4, length).toString('latin1');
  return /^[\x21-\x7e]+$/.test(name) ? name : undefined;
}

/** Whether two key blobs are the same key. */
export function sameKey(left: Uint8Array, right: Uint8Array): boolean {
  return Buffer.from(left.buffer, left.byteOffset, left.byteLength).equals(right);
}

/** The SHA256 fingerprint of a key blob, as ssh prints it (`SHA256:` + unpadded base64). */
export function keyFingerprint(blob: Uint8Array): string {
  const digest = createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  return `SHA256:${digest}`;
}
