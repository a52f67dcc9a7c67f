/**
 * The contract's {@link VerifyHostKey}: reads the user files, then the
 * global ones, and decides the verdict as ssh does (see check-host-key.ts).
 *
 * @packageDocumentation
 */
import type { VerifyHostKey } from '../contracts.js';
import { checkHostKey } from './check-host-key.js';
import { readKnownHostsFiles } from './read-known-hosts.js';

/** Checks a presented key against the known_hosts files; see {@link VerifyHostKey}. */
export const verifyHostKey: VerifyHostKey = async (target, key, files) => {
  const read = await readKnownHostsFiles([...files.user, ...files.global]);
  return checkHostKey(read, target, key.blob);
};
