// The remedy ossh suggests for a changed host key, in the exact form
// known_hosts uses. ssh names the entry itself (sshconnect.c prints "Host key
// for <name> has changed", where <name> is the HostKeyAlias or the host with
// `[host]:port` for a port other than 22) and the file holding the stale key
// ("Offending ED25519 key in <file>:<line>"), so both are read from its text.
import { quote } from '@openssh-ts/escape';

/** What ssh said about the known_hosts entry a changed key contradicts. */
export interface StaleHostKey {
  /** The name as known_hosts spells it, e.g. `[127.0.0.1]:2222`. */
  readonly name: string;
  /** The known_hosts file holding the old key, when ssh named it. */
  readonly file: string | undefined;
}

/**
 * Reads the stale entry from ssh's output, or falls back to `host` when ssh
 * did not name it. A key that contradicts only the one recorded for the
 * server's address ("differs from the key for the IP address '<ip>'",
 * CheckHostIP) is stale under that address.
 */
export function staleHostKey(sshOutput: string, host: string): StaleHostKey {
  const address = /differs from the key for the IP address '([^']+)'/.exec(sshOutput)?.[1];
  if (address !== undefined && !/Host key for \S+ has changed/i.test(sshOutput)) {
    return { name: address, file: /Offending key for IP in (.+):\d+$/m.exec(sshOutput)?.[1] };
  }
  const name = /Host key for (\S+) has changed/i.exec(sshOutput)?.[1];
  const file = /Offending \S+ key in (.+):\d+$/m.exec(sshOutput)?.[1];
  return { name: name ?? host, file };
}

/** `ssh-keygen -R <name> [-f <file>]`, quoted for a POSIX shell. */
export function removeKeyCommand(stale: StaleHostKey): string {
  const words = ['ssh-keygen', '-R', stale.name];
  if (stale.file !== undefined) words.push('-f', stale.file);
  return words.map((word) => quote(word)).join(' ');
}
