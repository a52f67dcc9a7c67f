/**
 * Which host key algorithms to ask the server for first, as ssh's
 * `order_hostkeyalgs` (sshconnect2.c) decides: the algorithms whose key
 * type known_hosts already holds for the host go first, so a host that
 * has several keys is verified with the one on record rather than
 * reported as changed.
 *
 * @packageDocumentation
 */
import type { OrderHostKeyAlgorithms } from '../contracts.js';
import { knownKeyTypes } from './check-host-key.js';
import { readKnownHostsFiles } from './read-known-hosts.js';

/** The key type an algorithm signs with: the RSA SHA-2 signatures use `ssh-rsa` keys. */
export function keyTypeOfAlgorithm(algorithm: string): string {
  return algorithm === 'rsa-sha2-256' || algorithm === 'rsa-sha2-512' ? 'ssh-rsa' : algorithm;
}

/** Puts the algorithms of `knownTypes` first, keeping the order within each group. */
export function preferKnownKeyTypes(
  knownTypes: readonly string[],
  algorithms: readonly string[],
): string[] {
  const known = new Set(knownTypes);
  const preferred = algorithms.filter((algorithm) => known.has(keyTypeOfAlgorithm(algorithm)));
  return [
    ...preferred,
    ...algorithms.filter((algorithm) => !known.has(keyTypeOfAlgorithm(algorithm))),
  ];
}

/** The contract's {@link OrderHostKeyAlgorithms}. */
export const orderHostKeyAlgorithms: OrderHostKeyAlgorithms = async (target, files, algorithms) => {
  const read = await readKnownHostsFiles([...files.user, ...files.global]);
  return preferKnownKeyTypes(knownKeyTypes(read, target), algorithms);
};
