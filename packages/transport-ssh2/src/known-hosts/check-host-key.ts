/**
 * The known_hosts verdict on a server's host key, decided as OpenSSH's
 * `check_key_in_hostkeys` (hostfile.c) and `check_host_key` (sshconnect.c)
 * decide it:
 *
 * - Every line whose host field names the host, across all files in order
 *   (user files, then global ones), is a candidate.
 * - A plain (unmarked) candidate equal to the offered key makes it `ok`.
 *   Otherwise any plain candidate — of whatever key type — makes it
 *   `changed`, reported with the last such line as ssh reports its
 *   "Offending key". No plain candidate: `unknown`.
 * - An `@revoked` candidate equal to the key overrides all of that.
 * - `@cert-authority` lines vouch for host certificates only, never for a
 *   plain key; a certificate offered is checked against none of them here
 *   (ssh2 does not negotiate host certificates), so it comes out `unknown`.
 * - For a port other than 22, a host unknown under `[host]:port` is looked
 *   up again under the bare host and is `ok` when found there (ssh's
 *   "checking without port identifier"); it is not `changed` by a bare
 *   entry.
 *
 * @packageDocumentation
 */
import { entryMatchesHost, type KnownHostsEntry } from './known-hosts-line.js';
import { isCertificateType, keyTypeOfBlob, sameKey } from './public-key-blob.js';
import type { HostKeyVerdict, KnownHostsTarget } from '../contracts.js';
import type { KnownHostsFile } from './read-known-hosts.js';

/**
 * The name ssh looks up and writes for a host: lowercased, `[host]:port`
 * for a port other than 22 (misc.c `put_host_port`); a HostKeyAlias as is.
 */
export function knownHostsName(target: KnownHostsTarget): string {
  if (target.hostKeyAlias !== undefined) return target.hostKeyAlias.toLowerCase();
  const host = target.host.toLowerCase();
  return target.port === 22 || target.port === 0 ? host : `[${host}]:${target.port}`;
}

function candidates(files: readonly KnownHostsFile[], name: string): KnownHostsEntry[] {
  return files.flatMap((file) => file.entries.filter((entry) => entryMatchesHost(entry, name)));
}

function verdictFor(found: readonly KnownHostsEntry[], key: Uint8Array): HostKeyVerdict {
  const revoked = found.find((entry) => entry.marker === 'revoked' && sameKey(entry.key, key));
  if (revoked !== undefined) return { status: 'revoked', file: revoked.file, line: revoked.line };
  const keyType = keyTypeOfBlob(key);
  if (keyType === undefined || isCertificateType(keyType)) return { status: 'unknown' };
  let offending: KnownHostsEntry | undefined;
  for (const entry of found) {
    if (entry.marker !== 'none') continue;
    if (sameKey(entry.key, key)) return { status: 'ok', file: entry.file, line: entry.line };
    offending = entry;
  }
  if (offending === undefined) return { status: 'unknown' };
  return {
    status: 'changed',
    file: offending.file,
    line: offending.line,
    knownKeyType: offending.keyType,
  };
}

/** Decides the verdict on `key` (the server's public key blob) for `target`. */
export function checkHostKey(
  files: readonly KnownHostsFile[],
  target: KnownHostsTarget,
  key: Uint8Array,
): HostKeyVerdict {
  const verdict = verdictFor(candidates(files, knownHostsName(target)), key);
  if (verdict.status !== 'unknown' || target.hostKeyAlias !== undefined) return verdict;
  if (target.port === 22 || target.port === 0) return verdict;
  const withoutPort = verdictFor(candidates(files, target.host.toLowerCase()), key);
  return withoutPort.status === 'ok' || withoutPort.status === 'revoked' ? withoutPort : verdict;
}

/**
 * The key types known for a host, in file order, so a client can prefer
 * them when negotiating (as ssh orders HostKeyAlgorithms by what
 * known_hosts holds) and avoid a `changed` verdict on a host that simply
 * has several keys.
 */
export function knownKeyTypes(
  files: readonly KnownHostsFile[],
  target: KnownHostsTarget,
): string[] {
  const typesUnder = (name: string): string[] => [
    ...new Set(
      candidates(files, name)
        .filter((entry) => entry.marker === 'none')
        .map((entry) => entry.keyType),
    ),
  ];
  const types = typesUnder(knownHostsName(target));
  const portless = target.hostKeyAlias === undefined && target.port !== 22 && target.port !== 0;
  return types.length === 0 && portless ? typesUnder(target.host.toLowerCase()) : types;
}
