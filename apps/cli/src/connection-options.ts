// The ssh-like flags every ossh command takes, and how they become
// `Session.connect` options. Every ConnectOptions field has a flag except
// `controlPersist` and `cleanStaleControlDirectories`: ossh closes its
// masters when it ends, so neither has anything to do.
import type { Command } from 'commander';
import { Option } from 'commander';
import type { ConnectOptions, KnownHostsPolicy, TransportFactory } from '@openssh-ts/session-core';
import type { LoginOptions } from './login-prompting.js';
import { collectJumpHosts, collectSshOption, parsePort, parseSeconds } from './option-values.js';

/** The transports a user can pick with `--transport`. */
export type TransportName = 'native' | 'process' | 'ssh2';

/** The parsed connection flags (commander's option values). */
export interface ConnectionFlags {
  readonly port?: number;
  readonly login?: string;
  readonly identity?: string;
  readonly config?: string;
  /** Absent when no -J was given (commander leaves repeatable flags unset). */
  readonly jump?: readonly string[];
  readonly option?: readonly string[];
  readonly knownHosts?: KnownHostsPolicy;
  /** In milliseconds (the flag takes seconds). */
  readonly connectTimeout?: number;
  readonly transport: TransportName;
  readonly verbose?: boolean;
  readonly compression?: boolean;
  /** In milliseconds (the flag takes seconds). */
  readonly serverAliveInterval?: number;
  readonly knownHostsFile?: string;
  readonly controlDirectory?: string;
  readonly agent?: string;
  readonly ssh?: string;
  /** Read the login password from the first line of stdin. */
  readonly passwordStdin?: boolean;
}

/** The heading the connection flags are listed under in every command's help. */
export const CONNECTION_OPTIONS_HEADING = 'Connection options:';

/**
 * Adds the connection flags to a command, listed together under
 * {@link CONNECTION_OPTIONS_HEADING} after the command's own options;
 * returns the command for chaining.
 */
export function addConnectionOptions(command: Command): Command {
  const options = [
    new Option('-p, --port <port>', 'server port').argParser(parsePort),
    new Option('-l, --login <user>', 'login user'),
    new Option('-i, --identity <file>', 'private key to use (only this key is offered)'),
    new Option('-F, --config <file>', 'ssh config file instead of ~/.ssh/config'),
    new Option(
      '-J, --jump <hosts>',
      'jump through these hosts, comma-separated (repeatable)',
    ).argParser(collectJumpHosts),
    new Option('-o, --option <name=value>', 'any ssh_config option (repeatable)').argParser(
      collectSshOption,
    ),
    new Option(
      '--known-hosts <policy>',
      'unknown host keys: refuse, record, or accept anything',
    ).choices(['strict', 'add', 'accept']),
    new Option('--connect-timeout <seconds>', 'give up connecting after this long').argParser(
      parseSeconds,
    ),
    new Option(
      '--transport <name>',
      'native or process (through a ControlMaster), or ssh2 (no ssh binary needed)',
    )
      .choices(['native', 'process', 'ssh2'])
      .default('native'),
    new Option('-C, --compression', 'compress the connection'),
    new Option(
      '--server-alive-interval <seconds>',
      'send keep-alives this often; drop a dead connection',
    ).argParser(parseSeconds),
    new Option('--known-hosts-file <file>', 'known_hosts file to read and update'),
    new Option(
      '--control-directory <directory>',
      'where the ControlMaster socket goes (default: temp)',
    ),
    new Option('--agent <socket>', 'ssh-agent socket (default: $SSH_AUTH_SOCK)'),
    new Option('--ssh <path>', 'the ssh program (default: ssh from PATH)'),
    new Option(
      '--password-stdin',
      'read the login password from the first line of stdin (on a terminal, ossh asks)',
    ),
    new Option('-v, --verbose', "show what ossh runs (its trace) and ssh's log"),
  ];
  for (const option of options) command.addOption(option.helpGroup(CONNECTION_OPTIONS_HEADING));
  return command;
}

/** What besides the flags `connectOptions` needs. */
export interface ConnectExtras {
  readonly transport: TransportFactory;
  /** A port from the host entry itself (`web-1:2222` in a hosts file) wins over `-p`. */
  readonly port?: number;
  readonly signal?: AbortSignal;
  /** Where login answers come from (`loginOptions()`): a password, or the terminal. */
  readonly login?: LoginOptions;
}

/** Builds `Session.connect` options from the flags. */
export function connectOptions(flags: ConnectionFlags, extras: ConnectExtras): ConnectOptions {
  const port = extras.port ?? flags.port;
  const extra = flags.option ?? [];
  const jumpHosts = flags.jump ?? [];
  const sshOptions = flags.verbose === true ? ['LogLevel=VERBOSE', ...extra] : extra;
  return {
    transport: extras.transport,
    ...(port === undefined ? {} : { port }),
    ...(flags.login === undefined ? {} : { user: flags.login }),
    ...(flags.identity === undefined ? {} : { keyFile: flags.identity }),
    ...(flags.config === undefined ? {} : { configFile: flags.config }),
    ...(jumpHosts.length === 0 ? {} : { jumpHosts }),
    ...(flags.knownHosts === undefined ? {} : { knownHosts: flags.knownHosts }),
    ...(flags.connectTimeout === undefined ? {} : { connectTimeout: flags.connectTimeout }),
    ...(flags.compression === true ? { compression: true } : {}),
    ...(flags.serverAliveInterval === undefined
      ? {}
      : { serverAliveInterval: flags.serverAliveInterval }),
    ...(flags.knownHostsFile === undefined ? {} : { userKnownHostsFile: flags.knownHostsFile }),
    ...(flags.controlDirectory === undefined ? {} : { controlDirectory: flags.controlDirectory }),
    ...(flags.agent === undefined ? {} : { sshAuthSock: flags.agent }),
    ...(flags.ssh === undefined ? {} : { sshPath: flags.ssh }),
    ...(sshOptions.length === 0 ? {} : { sshOptions }),
    ...(extras.signal === undefined ? {} : { signal: extras.signal }),
    ...extras.login,
  };
}
