import {
  parseDestination,
  SshError,
  type ConnectOptions,
  type KnownHostsPolicy,
  type ParsedDestination,
  type SecretSource,
} from '@openssh-ts/session-core';
import type {
  EnforceHostKeyPolicy,
  OrderHostKeyAlgorithms,
  ResolveSshConfig,
  ResolvedSshConfig,
  StrictHostKeyChecking,
} from './contracts.js';
import { sessionVariables, type SessionVariable } from './session-variables.js';
import type { HopPlan } from './open-hop.js';

/** The pure modules a plan is made with (real ones, or stand-ins in tests). */
export interface PlanModules {
  readonly resolveSshConfig: ResolveSshConfig;
  readonly enforceHostKeyPolicy: EnforceHostKeyPolicy;
  readonly orderHostKeyAlgorithms: OrderHostKeyAlgorithms;
}

/** ssh2 1.17's host key algorithms, in its order (Ed25519 is always there on Node 20). */
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
] as const;

/** The connection to make: jump hosts first, in order, then the destination. */
export interface ConnectionPlan {
  readonly hops: readonly HopPlan[];
  /** The destination's SendEnv matches and SetEnv, sent as `env` requests on every session. */
  readonly environment: readonly SessionVariable[];
}

/** ServerAliveInterval when neither the options nor ssh_config set one (session-core's default too). */
const DEFAULT_KEEPALIVE_INTERVAL = 15_000;

const POLICIES: Readonly<Record<StrictHostKeyChecking, KnownHostsPolicy>> = {
  yes: 'strict',
  ask: 'strict',
  'accept-new': 'add',
  no: 'accept',
};

/** The agent to use: the option, else IdentityAgent, else SSH_AUTH_SOCK, else the Windows agent's pipe. */
function agentOf(options: ConnectOptions, config: ResolvedSshConfig): string | undefined {
  const chosen =
    options.sshAuthSock ??
    config.identityAgent ??
    process.env['SSH_AUTH_SOCK'] ??
    (process.platform === 'win32' ? '\\\\.\\pipe\\openssh-ssh-agent' : undefined);
  if (chosen === undefined || chosen === '' || chosen === 'none') return undefined;
  return chosen;
}

/** A secret function asked at most once per connect, however many methods or hops use it. */
function once(secret: SecretSource | undefined): SecretSource | undefined {
  if (typeof secret !== 'function') return secret;
  let answer: Promise<string> | undefined;
  return () => (answer ??= secret());
}

function seconds(value: number | undefined): number | undefined {
  return value === undefined || value <= 0 ? undefined : value * 1000;
}

/** ConnectOptions durations are ms, rounded up to whole seconds as ssh's are. */
function wholeSeconds(milliseconds: number): number {
  return Math.ceil(milliseconds / 1000) * 1000;
}

async function planHop(
  parsed: ParsedDestination,
  options: ConnectOptions,
  modules: PlanModules,
  isDestination: boolean,
): Promise<{ hop: HopPlan; config: ResolvedSshConfig }> {
  const user = parsed.user ?? (isDestination ? options.user : undefined);
  const port = parsed.port ?? (isDestination ? options.port : undefined);
  const config = await modules.resolveSshConfig(parsed.host, {
    ...(user === undefined ? {} : { user }),
    ...(port === undefined ? {} : { port }),
    ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
    sshPath: options.sshPath ?? 'ssh',
    ...(options.sshOptions === undefined ? {} : { sshOptions: options.sshOptions }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  // keyFile implies IdentitiesOnly: that key and no other (the agent only when named).
  const keyFiles = options.keyFile === undefined ? config.identityFiles : [options.keyFile];
  const agent =
    options.keyFile !== undefined && options.sshAuthSock === undefined
      ? undefined
      : agentOf(options, config);
  const connectTimeout =
    options.connectTimeout === undefined
      ? seconds(config.connectTimeout)
      : wholeSeconds(options.connectTimeout);
  // As session-core does for ssh: keepalives on by default, so that a dead
  // link is noticed within (count max + 1) intervals.
  const keepaliveInterval =
    options.serverAliveInterval === undefined
      ? (seconds(config.serverAliveInterval) ?? DEFAULT_KEEPALIVE_INTERVAL)
      : wholeSeconds(options.serverAliveInterval);
  const target = {
    host: config.hostName,
    port: config.port,
    ...(config.hostKeyAlias === undefined ? {} : { hostKeyAlias: config.hostKeyAlias }),
  };
  const files = {
    user:
      options.userKnownHostsFile === undefined
        ? config.userKnownHostsFiles
        : [options.userKnownHostsFile],
    global: options.userKnownHostsFile === undefined ? config.globalKnownHostsFiles : [],
  };
  const hop: HopPlan = {
    host: config.hostName,
    port: config.port,
    // Key types already on record go first, as ssh orders them, so a host
    // known by one of several keys is checked against that one.
    hostKeyAlgorithms: await modules.orderHostKeyAlgorithms(target, files, HOST_KEY_ALGORITHMS),
    hostKey: {
      target,
      files,
      policy: options.knownHosts ?? POLICIES[config.strictHostKeyChecking],
      hash: config.hashKnownHosts,
      enforce: modules.enforceHostKeyPolicy,
    },
    login: {
      username: config.user,
      shownAs: `${config.user}@${config.hostName}`,
      agent,
      keyFiles,
      password: once(options.password),
      passphrase: once(options.passphrase),
      onPrompt: options.onPrompt,
      promptTimeout: options.promptTimeout ?? 120_000,
    },
    connectTimeout,
    keepaliveInterval,
    keepaliveCountMax: options.serverAliveCountMax ?? config.serverAliveCountMax,
    compression: options.compression ?? config.compression,
  };
  return { hop, config };
}

function parseHop(text: string): ParsedDestination {
  try {
    return parseDestination(text);
  } catch (error) {
    throw new SshError('invalid-command', `invalid jump host ${JSON.stringify(text)}`, {
      cause: error,
    });
  }
}

/**
 * Resolves the destination and every jump host through ssh_config and the
 * options (options win, as `-o` and flags do over the config): jumpHosts
 * from the options replace the destination's ProxyJump.
 */
export async function planConnection(
  parsed: ParsedDestination,
  options: ConnectOptions,
  modules: PlanModules,
): Promise<ConnectionPlan> {
  const destination = await planHop(parsed, options, modules, true);
  const jumps = options.jumpHosts ?? destination.config.proxyJump;
  const hops: HopPlan[] = [];
  for (const jump of jumps) hops.push((await planHop(parseHop(jump), options, modules, false)).hop);
  hops.push(destination.hop);
  return { hops, environment: sessionVariables(destination.config) };
}
