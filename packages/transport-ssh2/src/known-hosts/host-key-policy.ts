/**
 * The knownHosts policy applied to a server's host key, with ssh's
 * outcomes (sshconnect.c `check_host_key`):
 *
 * | verdict  | `strict` | `add`            | `accept`                       |
 * | -------- | -------- | ---------------- | ------------------------------ |
 * | ok       | accepted | accepted         | accepted                       |
 * | unknown  | refused  | recorded, accepted | recorded if it can be, accepted |
 * | changed  | refused  | refused          | accepted, nothing written      |
 * | revoked  | refused  | refused          | accepted, nothing written      |
 *
 * (`add` is `StrictHostKeyChecking accept-new`, `accept` is `no`, which
 * also records new keys.) A key is recorded in the first user known_hosts
 * file only; with no user file, `add` refuses an unknown host, as ssh
 * does. Refusals are `SshError('connect')` with reason `host-key-unknown`
 * or `host-key-mismatch`, whose message says which case it is in ssh's own
 * words, and whose `cause` is the {@link HostKeyVerdict}.
 *
 * @packageDocumentation
 */
import { SshError } from '@openssh-ts/session-core';
import type { EnforceHostKeyPolicy, HostKeyVerdict } from '../contracts.js';
import { appendKnownHostLine } from './append-known-host.js';
import { knownHostsName } from './check-host-key.js';
import { isCertificateType, keyFingerprint, keyTypeOfBlob } from './public-key-blob.js';
import { verifyHostKey } from './verify-host-key.js';

/** ssh's names for key types in its messages (sshkey.c `sshkey_type`). */
const DISPLAY_TYPES: Readonly<Record<string, string>> = {
  'ssh-ed25519': 'ED25519',
  'ssh-rsa': 'RSA',
  'ssh-dss': 'DSA',
  'sk-ssh-ed25519': 'ED25519-SK',
  'sk-ecdsa-sha2-nistp256': 'ECDSA-SK',
  'ssh-xmss': 'XMSS',
};

function displayType(keyType: string | undefined): string {
  if (keyType === undefined) return 'unknown';
  const plain = keyType.replace(/-cert-v01@openssh\.com$/, '').replace(/@openssh\.com$/, '');
  return DISPLAY_TYPES[plain] ?? (plain.startsWith('ecdsa-') ? 'ECDSA' : keyType);
}

function refusal(
  verdict: Exclude<HostKeyVerdict, { status: 'ok' }>,
  name: string,
  key: Uint8Array,
  why: string,
): SshError {
  const type = displayType(keyTypeOfBlob(key));
  const fingerprint = keyFingerprint(key);
  let message: string;
  switch (verdict.status) {
    case 'changed':
      message =
        `WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! The ${type} host key for ${name} ` +
        `is ${fingerprint}; offending ${displayType(verdict.knownKeyType)} key in ` +
        `${verdict.file}:${verdict.line}.`;
      break;
    case 'revoked':
      message = `The ${type} host key for ${name} (${fingerprint}) is marked as revoked in ${verdict.file}:${verdict.line}.`;
      break;
    case 'unknown':
      message = `No ${type} host key is known for ${name} (${fingerprint}) and ${why}.`;
      break;
  }
  return new SshError('connect', `${message} Host key verification failed.`, {
    reason: verdict.status === 'unknown' ? 'host-key-unknown' : 'host-key-mismatch',
    cause: verdict,
  });
}

/** Applies the knownHosts policy; see {@link EnforceHostKeyPolicy}. */
export const enforceHostKeyPolicy: EnforceHostKeyPolicy = async (target, key, files, options) => {
  const verdict = await verifyHostKey(target, key, files);
  const name = knownHostsName(target);
  if (verdict.status === 'ok') return verdict;
  if (verdict.status !== 'unknown') {
    if (options.policy === 'accept') return verdict;
    throw refusal(verdict, name, key.blob, 'you have requested strict checking');
  }
  if (options.policy === 'strict') {
    throw refusal(verdict, name, key.blob, 'you have requested strict checking');
  }
  if (isCertificateType(keyTypeOfBlob(key.blob) ?? '')) {
    // ssh never records a certificate: only its CA belongs in known_hosts.
    if (options.policy === 'accept') return verdict;
    throw refusal(
      verdict,
      name,
      key.blob,
      'a host certificate is not recorded (no @cert-authority vouches for it)',
    );
  }
  const recordIn = files.user[0];
  if (recordIn === undefined) {
    if (options.policy === 'accept') return verdict;
    throw refusal(verdict, name, key.blob, 'there is no user known_hosts file to record it in');
  }
  try {
    await appendKnownHostLine(recordIn, name, key.blob, { hash: options.hash });
  } catch (error) {
    // ssh with StrictHostKeyChecking=no goes on when it cannot record the key.
    if (options.policy !== 'accept') throw error;
  }
  return verdict;
};
