import type { KnownHostsPolicy } from '@openssh-ts/session-core';
import type {
  EnforceHostKeyPolicy,
  KnownHostsFiles,
  KnownHostsTarget,
  PresentedHostKey,
} from './contracts.js';

/** How one hop's host key is checked. */
export interface HostKeyCheck {
  readonly target: KnownHostsTarget;
  readonly files: KnownHostsFiles;
  readonly policy: KnownHostsPolicy;
  /** Write new lines hashed (HashKnownHosts). */
  readonly hash: boolean;
  readonly enforce: EnforceHostKeyPolicy;
}

/** The key type named at the start of a wire-format public key blob. */
export function keyTypeOf(blob: Uint8Array): string {
  const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (view.length < 4) return '';
  const length = view.readUInt32BE(0);
  // A key type is a short ASCII name; anything longer is not a key.
  if (length > 64 || 4 + length > view.length) return '';
  return view.toString('latin1', 4, 4 + length);
}

/**
 * Decides on a presented host key with the knownHosts policy (see
 * {@link EnforceHostKeyPolicy}); rejects with `SshError('connect')`,
 * reason `host-key-unknown` or `host-key-mismatch`, when it is not trusted.
 */
export async function checkHostKey(check: HostKeyCheck, blob: Uint8Array): Promise<void> {
  const key: PresentedHostKey = { type: keyTypeOf(blob), blob };
  await check.enforce(check.target, key, check.files, { policy: check.policy, hash: check.hash });
}
