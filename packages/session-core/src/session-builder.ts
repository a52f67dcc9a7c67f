import type { ConnectOptions, ControlPersist, KnownHostsPolicy } from './connect-options.js';
import { Session } from './session.js';
import type { TransportFactory } from './transport.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The Rust crate's `SessionBuilder`: every {@link ConnectOptions} field as a
 * chainable setter, then `connect(destination)`. Equivalent to
 * `Session.connect(destination, options)`.
 *
 * @example
 * ```ts
 * const session = await new SessionBuilder()
 *   .transport(processTransport())
 *   .keyFile('/home/me/.ssh/deploy')
 *   .connectTimeout(5_000)
 *   .connect('deploy@web-1');
 * ```
 */
export class SessionBuilder {
  readonly #options: Mutable<ConnectOptions> = {};

  /** The options set so far (a copy). */
  get options(): ConnectOptions {
    return { ...this.#options };
  }

  /** Which transport runs commands (required). */
  transport(factory: TransportFactory): this {
    this.#options.transport = factory;
    return this;
  }
  /** Login user (`ssh -l`). */
  user(user: string): this {
    this.#options.user = user;
    return this;
  }
  /** Server port (`ssh -p`). */
  port(port: number): this {
    this.#options.port = port;
    return this;
  }
  /** Private key to offer, and no other (IdentitiesOnly). */
  keyFile(path: string): this {
    this.#options.keyFile = path;
    return this;
  }
  /** Host key policy; default `strict`. */
  knownHosts(policy: KnownHostsPolicy): this {
    this.#options.knownHosts = policy;
    return this;
  }
  /** Connect and handshake timeout in milliseconds (whole seconds for ssh). */
  connectTimeout(milliseconds: number): this {
    this.#options.connectTimeout = milliseconds;
    return this;
  }
  /** Keep-alive interval in milliseconds (whole seconds for ssh). */
  serverAliveInterval(milliseconds: number): this {
    this.#options.serverAliveInterval = milliseconds;
    return this;
  }
  /** Where the control directory is made; default the system temp directory. */
  controlDirectory(path: string): this {
    this.#options.controlDirectory = path;
    return this;
  }
  /** Remove control directories of earlier runs whose master is gone. */
  cleanStaleControlDirectories(clean = true): this {
    this.#options.cleanStaleControlDirectories = clean;
    return this;
  }
  /** How long the master outlives its clients. */
  controlPersist(value: ControlPersist): this {
    this.#options.controlPersist = value;
    return this;
  }
  /** An ssh_config to use instead of ~/.ssh/config (`ssh -F`). */
  configFile(path: string): this {
    this.#options.configFile = path;
    return this;
  }
  /** Compression on or off. */
  compression(enabled: boolean): this {
    this.#options.compression = enabled;
    return this;
  }
  /** Hosts to jump through, in order (`ssh -J`). */
  jumpHosts(hosts: Iterable<string>): this {
    this.#options.jumpHosts = [...hosts];
    return this;
  }
  /** known_hosts file to use (UserKnownHostsFile). */
  userKnownHostsFile(path: string): this {
    this.#options.userKnownHostsFile = path;
    return this;
  }
  /** ssh-agent socket for the master (SSH_AUTH_SOCK). */
  sshAuthSock(path: string): this {
    this.#options.sshAuthSock = path;
    return this;
  }
  /** The ssh program; default `ssh` from PATH. */
  sshPath(path: string): this {
    this.#options.sshPath = path;
    return this;
  }
  /** Adds one `-o Name=value`. */
  sshOption(option: string): this {
    this.#options.sshOptions = [...(this.#options.sshOptions ?? []), option];
    return this;
  }
  /** Aborts connecting. */
  signal(signal: AbortSignal): this {
    this.#options.signal = signal;
    return this;
  }

  /** Connects with the options set so far. */
  connect(destination: string): Promise<Session> {
    return Session.connect(destination, this.options);
  }
}
