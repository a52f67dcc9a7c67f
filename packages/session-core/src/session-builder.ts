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

  transport(factory: TransportFactory): this {
    this.#options.transport = factory;
    return this;
  }
  user(user: string): this {
    this.#options.user = user;
    return this;
  }
  port(port: number): this {
    this.#options.port = port;
    return this;
  }
  keyFile(path: string): this {
    this.#options.keyFile = path;
    return this;
  }
  knownHosts(policy: KnownHostsPolicy): this {
    this.#options.knownHosts = policy;
    return this;
  }
  connectTimeout(milliseconds: number): this {
    this.#options.connectTimeout = milliseconds;
    return this;
  }
  serverAliveInterval(milliseconds: number): this {
    this.#options.serverAliveInterval = milliseconds;
    return this;
  }
  controlDirectory(path: string): this {
    this.#options.controlDirectory = path;
    return this;
  }
  cleanStaleControlDirectories(clean = true): this {
    this.#options.cleanStaleControlDirectories = clean;
    return this;
  }
  controlPersist(value: ControlPersist): this {
    this.#options.controlPersist = value;
    return this;
  }
  configFile(path: string): this {
    this.#options.configFile = path;
    return this;
  }
  compression(enabled: boolean): this {
    this.#options.compression = enabled;
    return this;
  }
  jumpHosts(hosts: Iterable<string>): this {
    this.#options.jumpHosts = [...hosts];
    return this;
  }
  userKnownHostsFile(path: string): this {
    this.#options.userKnownHostsFile = path;
    return this;
  }
  sshAuthSock(path: string): this {
    this.#options.sshAuthSock = path;
    return this;
  }
  sshPath(path: string): this {
    this.#options.sshPath = path;
    return this;
  }
  /** Adds one `-o Name=value`. */
  sshOption(option: string): this {
    this.#options.sshOptions = [...(this.#options.sshOptions ?? []), option];
    return this;
  }
  signal(signal: AbortSignal): this {
    this.#options.signal = signal;
    return this;
  }

  /** Connects with the options set so far. */
  connect(destination: string): Promise<Session> {
    return Session.connect(destination, this.options);
  }
}
