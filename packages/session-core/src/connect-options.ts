import type { RemoteShellFamily, TransportFactory } from './transport.js';

/**
 * How unknown or changed host keys are treated (ssh's StrictHostKeyChecking):
 * `strict` refuses unknown hosts, `add` trusts and records a new host but
 * refuses a changed key, `accept` trusts anything (tests only).
 */
export type KnownHostsPolicy = 'strict' | 'add' | 'accept';

/**
 * How long the ControlMaster stays up without clients (ssh's ControlPersist):
 * `forever` until `close()`, `closed-after-initial` when the first client
 * leaves, or a number of milliseconds of idleness (rounded up to seconds).
 */
export type ControlPersist = 'forever' | 'closed-after-initial' | number;

/**
 * What a login prompt is for: the account `password`, a key's `passphrase`,
 * a `keyboard-interactive` challenge from the server, a `host-key`
 * confirmation (never answered yes behind the user's back: the knownHosts
 * policy decides), or a `notice` that wants no answer (e.g. "touch your
 * security key").
 */
export type LoginPromptKind =
  'password' | 'passphrase' | 'keyboard-interactive' | 'host-key' | 'notice';

/** One question asked while logging in. */
export interface LoginPrompt {
  /** The text to show, as the server or ssh wrote it (e.g. `Password: `). */
  readonly prompt: string;
  /** Whether the answer may be shown as it is typed (false for secrets). */
  readonly echo: boolean;
  /** What the prompt is for; see {@link LoginPromptKind}. */
  readonly kind: LoginPromptKind;
}

/** A secret given as is, or fetched when it is first needed. */
export type SecretSource = string | (() => Promise<string>);

/**
 * The remote login shell's family, which command lines are quoted for:
 * `posix` or `fish`, or `auto` to find out once per connection (a probe
 * command run before the first command, whose output differs between sh,
 * fish and csh). A login shell that cannot be quoted for (csh/tcsh,
 * nushell, cmd.exe, PowerShell) is refused with `unsupported-shell`
 * before anything runs.
 */
export type RemoteShell = RemoteShellFamily | 'auto';

/** Everything `Session.connect` accepts. Durations are in milliseconds. */
export interface ConnectOptions {
  /** Which transport runs commands, e.g. `processTransport()` from `@openssh-ts/transport-process`. Required. */
  readonly transport?: TransportFactory;
  /** Login user (`ssh -l`); a user in the destination takes precedence. */
  readonly user?: string;
  /** Server port (`ssh -p`); a port in the destination takes precedence. */
  readonly port?: number;
  /** Private key to authenticate with; implies IdentitiesOnly so no other key is offered. */
  readonly keyFile?: string;
  /** Host key policy. Default `strict`. */
  readonly knownHosts?: KnownHostsPolicy;
  /** TCP connect and SSH handshake timeout (ConnectTimeout, whole seconds, rounded up). */
  readonly connectTimeout?: number;
  /**
   * Keepalive interval (ServerAliveInterval, whole seconds, rounded up); `0`
   * turns keepalives off, and with them the detection of a dead link. Unset:
   * what the user's ssh_config says, else 15 s, so that a silent link is
   * noticed within (count max + 1) intervals, 60 s by default.
   */
  readonly serverAliveInterval?: number;
  /**
   * Unanswered keepalives before the connection is dropped
   * (ServerAliveCountMax, 1..1000). Unset: the user's ssh_config, else 3.
   */
  readonly serverAliveCountMax?: number;
  /**
   * Directory in which a fresh 0700 control directory is made. Default: the
   * system temp directory, which keeps the socket path short.
   */
  readonly controlDirectory?: string;
  /**
   * Before connecting, remove control directories left in `controlDirectory`
   * by earlier runs whose master is gone. Live masters are never touched.
   */
  readonly cleanStaleControlDirectories?: boolean;
  /** Default `forever`: the master lives until `close()` or this process exits. */
  readonly controlPersist?: ControlPersist;
  /** An ssh_config to use instead of ~/.ssh/config (`ssh -F`). */
  readonly configFile?: string;
  /** Compression on or off; ssh's default when unset. */
  readonly compression?: boolean;
  /** Hosts to jump through, in order (`ssh -J`). */
  readonly jumpHosts?: readonly string[];
  /** known_hosts file to read and update (UserKnownHostsFile). */
  readonly userKnownHostsFile?: string;
  /** ssh-agent socket for the master (SSH_AUTH_SOCK). */
  readonly sshAuthSock?: string;
  /** The ssh program. Default `ssh` from PATH. */
  readonly sshPath?: string;
  /** Extra `-o` options as `Name=value`, passed after the ones above. */
  readonly sshOptions?: readonly string[];
  /** Aborts connecting; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * The remote login shell's family. Default `auto`: probed once, lazily,
   * before the first command (one extra remote command per connection);
   * `posix` or `fish` skip the probe.
   */
  readonly remoteShell?: RemoteShell;
  /**
   * The account password, for servers that ask for one (password or
   * keyboard-interactive logins). Without it and without `onPrompt`, logins
   * are unattended (BatchMode): keys and agents only, failing fast.
   */
  readonly password?: SecretSource;
  /** The passphrase of an encrypted `keyFile`. */
  readonly passphrase?: SecretSource;
  /**
   * Answers any other login prompt (keyboard-interactive challenges,
   * passphrases, notices); called once per prompt, in order. A handler that
   * throws fails the connect with that error as `cause`; one that never
   * settles is cut off with reason `timed-out`.
   */
  readonly onPrompt?: (prompt: LoginPrompt) => string | Promise<string>;
  /**
   * How long one answer (from `onPrompt`, or a `password`/`passphrase`
   * function) may take before connecting fails with reason `timed-out`.
   * Default 120000 (two minutes, for a person typing at a terminal);
   * `Infinity` waits as long as it takes.
   */
  readonly promptTimeout?: number;
}

/** What `Session.resume` accepts. */
export interface ResumeOptions {
  /** The transport that attaches to the running master (default: the process transport). */
  readonly transport?: TransportFactory;
  /** The master's log, as returned by `detach()`; used for error messages. */
  readonly masterLog?: string;
  /** The ssh binary to run (default `ssh` from PATH). */
  readonly sshPath?: string;
  /** As {@link ConnectOptions.remoteShell}. */
  readonly remoteShell?: RemoteShell;
  /** Aborts resuming. */
  readonly signal?: AbortSignal;
}
