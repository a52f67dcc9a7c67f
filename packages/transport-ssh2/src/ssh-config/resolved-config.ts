/**
 * From the effective settings in `ssh -G`'s shape (one entry per printed
 * line: keyword lowercased, then its arguments) to a
 * {@link ResolvedSshConfig}, with ssh's defaults for what is missing.
 * Both ways of resolving end here, so they cannot disagree on defaults,
 * value spellings or IdentityFile expansion (ssh -G prints IdentityFile
 * unexpanded; ssh expands it when loading keys, as done here).
 *
 * @packageDocumentation
 */
import { userInfo, hostname as localHostName } from 'node:os';
import { SshError } from '@openssh-ts/session-core';
import type { ResolvedSshConfig, StrictHostKeyChecking } from '../contracts.js';
import type { ConfigOccurrences } from './evaluate-config.js';
import { expandPath, type TokenContext } from './percent-tokens.js';

/** The local side of token expansion: who runs ssh, where. */
export interface LocalIdentity {
  readonly homeDirectory: string;
  readonly localUser: string;
  readonly localUid: number;
  readonly localHostName: string;
  readonly environment: NodeJS.ProcessEnv;
}

/**
 * This process' identity. The home directory is the account's (getpwuid),
 * not `$HOME`, because that is what ssh expands `~` and `%d` to.
 */
export function localIdentity(): LocalIdentity {
  const info = userInfo();
  return {
    homeDirectory: info.homedir,
    localUser: info.username,
    localUid: info.uid,
    localHostName: localHostName(),
    environment: process.env,
  };
}

/** ssh's IdentityFile list when none is configured (readconf.c, OpenSSH 9.2). */
export const DEFAULT_IDENTITY_FILES = [
  '~/.ssh/id_rsa',
  '~/.ssh/id_ecdsa',
  '~/.ssh/id_ecdsa_sk',
  '~/.ssh/id_ed25519',
  '~/.ssh/id_ed25519_sk',
  '~/.ssh/id_xmss',
  '~/.ssh/id_dsa',
];

function invalid(keyword: string, value: string): SshError {
  return new SshError('connect', `ssh_config: bad ${keyword} value ${JSON.stringify(value)}`, {
    reason: 'other',
  });
}

class Dump {
  constructor(private readonly entries: ConfigOccurrences) {}

  first(keyword: string): string | undefined {
    return this.entries.get(keyword)?.[0]?.[0];
  }

  all(keyword: string): string[] {
    return (this.entries.get(keyword) ?? []).map((args) => args.join(' '));
  }

  list(keyword: string): readonly string[] | undefined {
    return this.entries.get(keyword)?.[0];
  }

  flag(keyword: string, fallback: boolean): boolean {
    const value = this.first(keyword)?.toLowerCase();
    if (value === undefined) return fallback;
    if (value === 'yes' || value === 'true') return true;
    if (value === 'no' || value === 'false') return false;
    throw invalid(keyword, value);
  }

  count(keyword: string, fallback: number | undefined): number | undefined {
    const value = this.first(keyword);
    if (value === undefined || value === 'none') return fallback;
    if (!/^\d{1,9}$/.test(value)) throw invalid(keyword, value);
    return Number(value);
  }
}

function strictHostKeyChecking(value: string | undefined): StrictHostKeyChecking {
  switch (value?.toLowerCase()) {
    case undefined:
    case 'ask':
      return 'ask';
    case 'yes':
    case 'true':
      return 'yes';
    case 'no':
    case 'off':
    case 'false':
      return 'no';
    case 'accept-new':
      return 'accept-new';
    default:
      throw invalid('StrictHostKeyChecking', value ?? '');
  }
}

function hostList(
  values: readonly string[] | undefined,
  fallback: readonly string[],
): readonly string[] {
  if (values === undefined) return fallback;
  return values.length === 1 && values[0]?.toLowerCase() === 'none' ? [] : values;
}

/** Builds the resolved config from settings in `ssh -G`'s shape. */
export function toResolvedConfig(
  entries: ConfigOccurrences,
  originalHost: string,
  local: LocalIdentity,
  source: ResolvedSshConfig['source'],
): ResolvedSshConfig {
  const dump = new Dump(entries);
  const hostName = dump.first('hostname') ?? originalHost.toLowerCase();
  const user = dump.first('user') ?? local.localUser;
  const port = dump.count('port', 22) ?? 22;
  if (port < 1 || port > 65535) throw invalid('Port', String(port));
  const hostKeyAlias = dump.first('hostkeyalias');
  const tokens: TokenContext = {
    ...local,
    hostName,
    originalHost,
    hostKeyAlias,
    port,
    remoteUser: user,
  };
  const identityFiles = dump.all('identityfile');
  const proxyJump = dump.first('proxyjump');
  const connectTimeout = dump.count('connecttimeout', undefined);
  const identityAgent = dump.first('identityagent');
  const home = (path: string): string =>
    expandPath(path, tokens, local.environment, 'UserKnownHostsFile');
  return {
    hostName,
    user,
    port,
    ...(hostKeyAlias === undefined ? {} : { hostKeyAlias }),
    identityFiles: (identityFiles.length === 0 ? DEFAULT_IDENTITY_FILES : identityFiles).map(
      (path) => expandPath(path, tokens, local.environment, 'IdentityFile'),
    ),
    identitiesOnly: dump.flag('identitiesonly', false),
    proxyJump:
      proxyJump === undefined || proxyJump.toLowerCase() === 'none' ? [] : proxyJump.split(','),
    userKnownHostsFiles: hostList(dump.list('userknownhostsfile'), [
      home('~/.ssh/known_hosts'),
      home('~/.ssh/known_hosts2'),
    ]),
    globalKnownHostsFiles: hostList(dump.list('globalknownhostsfile'), [
      '/etc/ssh/ssh_known_hosts',
      '/etc/ssh/ssh_known_hosts2',
    ]),
    strictHostKeyChecking: strictHostKeyChecking(dump.first('stricthostkeychecking')),
    hashKnownHosts: dump.flag('hashknownhosts', false),
    ...(connectTimeout === undefined || connectTimeout === 0 ? {} : { connectTimeout }),
    serverAliveInterval: dump.count('serveraliveinterval', 0) ?? 0,
    serverAliveCountMax: dump.count('serveralivecountmax', 3) ?? 3,
    compression: dump.flag('compression', false),
    ...(identityAgent === undefined ? {} : { identityAgent }),
    setEnv: dump.all('setenv').map((assignment) => {
      const equals = assignment.indexOf('=');
      if (equals <= 0) throw invalid('SetEnv', assignment);
      return [assignment.slice(0, equals), assignment.slice(equals + 1)] as const;
    }),
    sendEnv: dump.all('sendenv'),
    source,
  };
}
