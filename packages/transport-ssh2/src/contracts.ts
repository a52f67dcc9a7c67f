// The two interfaces between the connecting code of this package and its
// pure modules: host-key verification against known_hosts files
// (src/known-hosts/) and destination resolution through ssh_config
// (src/ssh-config/). They are written down here first so that both sides
// can be built at the same time; the modules implement these signatures
// and the transport calls nothing else of them.

import type { KnownHostsPolicy } from '@openssh-ts/session-core';

/**
 * Where a host key is looked up: the name and port the connection is
 * made to, as OpenSSH would record them (HostKeyAlias, else HostName).
 * Port 22 is written `host`, any other `[host]:port`.
 */
export interface KnownHostsTarget {
  /** The resolved HostName. */
  readonly host: string;
  /** The resolved Port. */
  readonly port: number;
  /**
   * HostKeyAlias, when set: keys are then looked up and written under
   * this name as is, with no `[...]:port` (as ssh does).
   */
  readonly hostKeyAlias?: string;
}

/** A host key presented by a server. */
export interface PresentedHostKey {
  /** Key type as on the wire, e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256`, `rsa-sha2-512` is reported as `ssh-rsa`. */
  readonly type: string;
  /** The public key blob in SSH wire format (what known_hosts holds base64-encoded). */
  readonly blob: Uint8Array;
}

/** Which known_hosts files to read, in order, as ssh does. */
export interface KnownHostsFiles {
  /** UserKnownHostsFile entries (`~` already expanded), e.g. `~/.ssh/known_hosts`. */
  readonly user: readonly string[];
  /** GlobalKnownHostsFile entries, e.g. `/etc/ssh/ssh_known_hosts`. */
  readonly global: readonly string[];
}

/**
 * The verdict on a presented host key:
 * - `ok`: a line for this host holds this very key (and none revokes it).
 * - `unknown`: no line for this host holds a plain (unmarked) key.
 * - `changed`: lines for this host hold only other keys — of any type:
 *   OpenSSH 9.2 says "REMOTE HOST IDENTIFICATION HAS CHANGED" also when
 *   only a key of another type is known (`file` and `line` name the last
 *   such line, 1-based, as ssh's "Offending key"; `knownKeyType` its type).
 *   (ssh avoids that case by preferring, in HostKeyAlgorithms, the types
 *   known_hosts holds for the host.)
 * - `revoked`: a `@revoked` line holds this key, whatever else matches.
 *
 * Files that do not exist count as empty; lines that cannot be parsed are
 * skipped as ssh skips them. Only I/O errors other than "not found" reject.
 */
export type HostKeyVerdict =
  | {
      /** A line holds this key for the host. */
      readonly status: 'ok';
      /** The known_hosts file of that line. */
      readonly file: string;
      /** Its line number, from 1. */
      readonly line: number;
    }
  | {
      /** No line names the host. */
      readonly status: 'unknown';
    }
  | {
      /** The host is known with a different key of the same type. */
      readonly status: 'changed';
      /** The known_hosts file of the line with the old key. */
      readonly file: string;
      /** Its line number, from 1. */
      readonly line: number;
      /** The type of the key on file, e.g. `ssh-ed25519`. */
      readonly knownKeyType: string;
    }
  | {
      /** A `@revoked` line holds this key. */
      readonly status: 'revoked';
      /** The known_hosts file of that line. */
      readonly file: string;
      /** Its line number, from 1. */
      readonly line: number;
    };

/** Checks a presented key against the files; implemented in `src/known-hosts/`. */
export type VerifyHostKey = (
  target: KnownHostsTarget,
  key: PresentedHostKey,
  files: KnownHostsFiles,
) => Promise<HostKeyVerdict>;

/** Options of {@link AddKnownHost}. */
export interface AddKnownHostOptions {
  /** Write the host name hashed (`|1|salt|hash`), as HashKnownHosts=yes does. Default false. */
  readonly hash?: boolean;
}

/**
 * Appends one line in OpenSSH's format (`host keytype base64` or
 * `[host]:port keytype base64`) to `file`, creating the file (mode 0600)
 * and its directory (0700) when missing, and a newline before it when the
 * file does not end with one. Implemented in `src/known-hosts/`.
 */
export type AddKnownHost = (
  file: string,
  target: KnownHostsTarget,
  key: PresentedHostKey,
  options?: AddKnownHostOptions,
) => Promise<void>;

/** Options of {@link EnforceHostKeyPolicy}. */
export interface HostKeyPolicyOptions {
  /** What to do with an unknown or changed key (StrictHostKeyChecking). */
  readonly policy: KnownHostsPolicy;
  /** Write new lines hashed (HashKnownHosts). */
  readonly hash: boolean;
}

/**
 * The knownHosts policy on top of {@link VerifyHostKey}: resolves with the
 * verdict when the key is trusted — `ok` always; `unknown` under `add`
 * (recorded in `files.user[0]`, refused when there is none or the key is a certificate) and `accept`
 * (recorded when it can be); `changed`/`revoked` under `accept` only,
 * nothing written — and rejects otherwise with `SshError('connect')`,
 * reason `host-key-unknown` or `host-key-mismatch`, in ssh's words.
 * Implemented in `src/known-hosts/`.
 */
export type EnforceHostKeyPolicy = (
  target: KnownHostsTarget,
  key: PresentedHostKey,
  files: KnownHostsFiles,
  options: HostKeyPolicyOptions,
) => Promise<HostKeyVerdict>;

/**
 * Orders host key algorithms (ssh2's `algorithms.serverHostKey` names, in
 * the client's preference order) as ssh's `order_hostkeyalgs` does: those
 * whose key type known_hosts holds for the target first, the rest after,
 * each group in the given order. Without it a host recorded with, say,
 * only its ECDSA key would be offered ED25519 first and come out
 * `changed`, where ssh connects. Implemented in `src/known-hosts/`.
 */
export type OrderHostKeyAlgorithms = (
  target: KnownHostsTarget,
  files: KnownHostsFiles,
  algorithms: readonly string[],
) => Promise<string[]>;

/** StrictHostKeyChecking as ssh_config spells it (`ask` is treated as `yes` unattended). */
export type StrictHostKeyChecking = 'yes' | 'accept-new' | 'no' | 'ask';

/** What {@link ResolveSshConfig} is given besides the host. */
export interface ResolveSshConfigOptions {
  /**
   * Login user as `ssh -l` would pass it: the destination's own user, else
   * the `user` option (the caller has applied that precedence). Overrides
   * the config's User.
   */
  readonly user?: string;
  /** Port as `ssh -p` would pass it (destination's, else the option's). Overrides the config's Port. */
  readonly port?: number;
  /** An ssh_config to use instead of ~/.ssh/config (`ssh -F`). */
  readonly configFile?: string;
  /** The ssh program for `ssh -G`; when it cannot be run, the config is parsed instead. */
  readonly sshPath?: string;
  /** Extra `-o Name=value` options, which take precedence over the files as with ssh. */
  readonly sshOptions?: readonly string[];
  /** Aborts resolving (and the `ssh -G` it runs). */
  readonly signal?: AbortSignal;
}

/**
 * A destination resolved as ssh would (`ssh -G`): every field filled with
 * ssh's default when the config says nothing. Paths have `~` and `%`
 * tokens already expanded.
 */
export interface ResolvedSshConfig {
  /** HostName, or the destination's host when none is set. */
  readonly hostName: string;
  /** User, or the local user name. */
  readonly user: string;
  /** Port, default 22. */
  readonly port: number;
  /** HostKeyAlias, when set: the name to look host keys up under. */
  readonly hostKeyAlias?: string;
  /** IdentityFile entries in order (ssh's default list when none is set). */
  readonly identityFiles: readonly string[];
  /** IdentitiesOnly: offer only the identity files, not every key of the agent. */
  readonly identitiesOnly: boolean;
  /** ProxyJump hops in order (`user@host:port` each, as written); empty for none. */
  readonly proxyJump: readonly string[];
  /** UserKnownHostsFile entries (default `~/.ssh/known_hosts`, `~/.ssh/known_hosts2`). */
  readonly userKnownHostsFiles: readonly string[];
  /** GlobalKnownHostsFile entries (default `/etc/ssh/ssh_known_hosts`, `/etc/ssh/ssh_known_hosts2`). */
  readonly globalKnownHostsFiles: readonly string[];
  /** Default `ask`. */
  readonly strictHostKeyChecking: StrictHostKeyChecking;
  /** HashKnownHosts: write new known_hosts lines hashed. Default false. */
  readonly hashKnownHosts: boolean;
  /** ConnectTimeout in seconds; undefined for none. */
  readonly connectTimeout?: number;
  /** ServerAliveInterval in seconds; 0 for off (the default). */
  readonly serverAliveInterval: number;
  /** ServerAliveCountMax, default 3. */
  readonly serverAliveCountMax: number;
  /** Compression, default false. */
  readonly compression: boolean;
  /** IdentityAgent / SSH_AUTH_SOCK, when set (`none` disables the agent). */
  readonly identityAgent?: string;
  /** SetEnv variables, in order. */
  readonly setEnv: readonly (readonly [name: string, value: string])[];
  /**
   * SendEnv patterns, in order, with `-pattern` removals already applied:
   * the local variables whose names match one are sent with each session.
   */
  readonly sendEnv: readonly string[];
  /** Where the answer came from, for messages. */
  readonly source: 'ssh -G' | 'parser';
}

/**
 * Resolves `host` (the host part of the destination as session-core's
 * `parseDestination` split it: a name, an ssh_config alias or an address)
 * through ssh_config, as `ssh -G [-l user] [-p port] host` would: `ssh -G`
 * when `sshPath` runs, otherwise a parser honouring at least Host and
 * Match host patterns, HostName, User, Port, IdentityFile, IdentitiesOnly,
 * ProxyJump, UserKnownHostsFile, StrictHostKeyChecking, ConnectTimeout,
 * ServerAliveInterval, SetEnv and SendEnv. Rejects with `SshError('connect')` for a
 * config that cannot be read or parsed. Implemented in `src/ssh-config/`.
 */
export type ResolveSshConfig = (
  host: string,
  options: ResolveSshConfigOptions,
) => Promise<ResolvedSshConfig>;
