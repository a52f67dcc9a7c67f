/**
 * Resolving a host without an `ssh` binary: evaluate the config files
 * ourselves (evaluate-config.ts), then settle every keyword as ssh does
 * before `ssh -G` prints it — the first occurrence wins, except
 * IdentityFile (all, in order), SetEnv (the first line, a name's first
 * assignment on it) and SendEnv (every pattern of every line, a `-pattern`
 * removing those listed before it that it matches); HostName gets `%h` and is lowercased, HostKeyAlias is
 * lowercased, UserKnownHostsFile and IdentityAgent are expanded.
 *
 * @packageDocumentation
 */
import { join } from 'node:path';
import { SshError } from '@openssh-ts/session-core';
import type { ResolveSshConfigOptions, ResolvedSshConfig } from '../contracts.js';
import { matchPattern } from '../known-hosts/host-patterns.js';
import { splitArguments } from './config-arguments.js';
import type { ConfigLine } from './config-file.js';
import { evaluateConfig, type ConfigOccurrences, type ConfigSource } from './evaluate-config.js';
import { expandPath, percentExpand } from './percent-tokens.js';
import { toResolvedConfig, type LocalIdentity } from './resolved-config.js';

/** `-o Name=value` (or `Name value`) as a directive. */
export function commandLineOption(option: string): ConfigLine {
  const match = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)(.*)$/s.exec(option);
  if (match === null) {
    throw new SshError('connect', `bad ssh option ${JSON.stringify(option)}: want Name=value`, {
      reason: 'other',
    });
  }
  const [, keyword = '', value = ''] = match;
  return {
    keyword: keyword.toLowerCase(),
    args: splitArguments(value, 'command-line'),
    file: 'command-line',
  };
}

/** What `-l`, `-p` and `-o` put before the config files. */
export function commandLineLines(options: ResolveSshConfigOptions): ConfigLine[] {
  const lines: ConfigLine[] = [];
  if (options.user !== undefined)
    lines.push({ keyword: 'user', args: [options.user], file: 'command-line' });
  if (options.port !== undefined)
    lines.push({ keyword: 'port', args: [String(options.port)], file: 'command-line' });
  for (const option of options.sshOptions ?? []) lines.push(commandLineOption(option));
  return lines;
}

/** The files ssh reads: the `-F` file alone (none for `-F none`), else the user's and the system's. */
export function configSources(
  configFile: string | undefined,
  homeDirectory: string,
): ConfigSource[] {
  if (configFile === 'none') return [];
  if (configFile !== undefined) return [{ path: configFile, required: true, userConfig: true }];
  return [
    { path: join(homeDirectory, '.ssh', 'config'), required: false, userConfig: true },
    { path: '/etc/ssh/ssh_config', required: false, userConfig: false },
  ];
}

/**
 * SendEnv as readconf.c builds it: patterns accumulate over every line;
 * `-pattern` drops each earlier pattern it matches (rm_env); an empty name
 * or one with `=` is an error, as ssh refuses the config for it.
 */
function sendEnvPatterns(lines: readonly (readonly string[])[]): string[] {
  let patterns: string[] = [];
  for (const argument of lines.flat()) {
    if (argument === '' || argument.includes('=')) {
      throw new SshError('connect', `ssh_config: bad SendEnv name ${JSON.stringify(argument)}`, {
        reason: 'other',
      });
    }
    if (argument.startsWith('-')) {
      const removal = argument.slice(1);
      patterns = patterns.filter((pattern) => !matchPattern(pattern, removal));
    } else patterns.push(argument);
  }
  return patterns;
}

function settle(
  occurrences: ConfigOccurrences,
  host: string,
  local: LocalIdentity,
): ConfigOccurrences {
  const settled = new Map<string, string[][]>();
  for (const [keyword, found] of occurrences) {
    const first = found[0];
    if (first !== undefined) settled.set(keyword, [[...first]]);
  }
  const identityFiles = (occurrences.get('identityfile') ?? []).flatMap((args) => args.slice(0, 1));
  settled.set(
    'identityfile',
    identityFiles.map((path) => [path]),
  );
  const seen = new Set<string>();
  const setEnv = (occurrences.get('setenv')?.[0] ?? []).filter((assignment) => {
    const name = assignment.split('=')[0] ?? '';
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  settled.set(
    'setenv',
    setEnv.map((assignment) => [assignment]),
  );
  settled.set(
    'sendenv',
    sendEnvPatterns(occurrences.get('sendenv') ?? []).map((pattern) => [pattern]),
  );

  const hostName = percentExpand(
    settled.get('hostname')?.[0]?.[0] ?? host,
    { h: host, '%': '%' },
    'HostName',
  );
  settled.set('hostname', [[hostName.toLowerCase()]]);
  const alias = settled.get('hostkeyalias')?.[0]?.[0];
  if (alias !== undefined) settled.set('hostkeyalias', [[alias.toLowerCase()]]);

  const port = Number(settled.get('port')?.[0]?.[0] ?? 22);
  const tokens = {
    ...local,
    hostName: hostName.toLowerCase(),
    originalHost: host,
    hostKeyAlias: alias?.toLowerCase(),
    port,
    remoteUser: settled.get('user')?.[0]?.[0] ?? local.localUser,
  };
  const knownHosts = settled.get('userknownhostsfile')?.[0];
  if (knownHosts !== undefined && !(knownHosts.length === 1 && knownHosts[0] === 'none')) {
    const expanded = knownHosts.map((path) =>
      expandPath(path, tokens, local.environment, 'UserKnownHostsFile'),
    );
    settled.set('userknownhostsfile', [expanded]);
  }
  const agent = settled.get('identityagent')?.[0]?.[0];
  if (agent !== undefined && agent !== 'none' && agent !== 'SSH_AUTH_SOCK') {
    settled.set('identityagent', [[expandPath(agent, tokens, local.environment, 'IdentityAgent')]]);
  }
  return settled;
}

/** Resolves `host` by parsing the config files (no `ssh` binary involved). */
export async function resolveWithParser(
  host: string,
  options: ResolveSshConfigOptions,
  local: LocalIdentity,
): Promise<ResolvedSshConfig> {
  const occurrences = await evaluateConfig(
    commandLineLines(options),
    configSources(options.configFile, local.homeDirectory),
    { originalHost: host, localUser: local.localUser, homeDirectory: local.homeDirectory },
  );
  return toResolvedConfig(settle(occurrences, host, local), host, local, 'parser');
}
