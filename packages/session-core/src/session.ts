import { openOnFreeLocalPort, wantsFreeLocalPort } from './free-listen-port.js';
import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Command, type CommandHost } from './command.js';
import type { ConnectOptions, RemoteShell, ResumeOptions } from './connect-options.js';
import { CONTROL_DIRECTORY_PREFIX, MASTER_LOG_NAME } from './control-directory.js';
import { exitMaster } from './exit-master.js';
import { openMaster } from './open-master.js';
import { disownMaster, ownMaster, type OwnedMaster } from './owned-masters.js';
import { forwardRequest, type PortForward, type SocketEndpoint } from './port-forward.js';
import { trace } from './trace.js';
import { signalQuietly, waitForProcessExit } from './process-liveness.js';
import { parseDestination } from './destination.js';
import { checkRemoteShell, probeRemoteShell } from './remote-shell-probe.js';
import { requireTransport } from './require-transport.js';
import { SshError } from './ssh-error.js';
import type { Duplex } from 'node:stream';
import type {
  ForwardedConnectionHandler,
  RemoteListenAddress,
  RemoteListener,
  TunnelTarget,
} from './tunnel.js';
import type {
  ConnectingTransportFactory,
  ForwardKind,
  MasterStatus,
  RemoteShellFamily,
  Transport,
} from './transport.js';

type TunnelTransport = Transport & Required<Pick<Transport, 'openTunnel' | 'listenRemote'>>;

function hasTunnels(transport: Transport): transport is TunnelTransport {
  return (
    transport.capabilities.tunnels === true &&
    transport.openTunnel !== undefined &&
    transport.listenRemote !== undefined
  );
}

/** What `detach()` hands back, for `Session.resume`. */
export interface DetachedSession {
  /** The master's control socket, which `Session.resume` attaches to. */
  readonly controlSocket: string;
  /** The master's log file, for error messages after resuming; undefined when it had none. */
  readonly masterLog: string | undefined;
}

interface SessionInit {
  readonly transport: Transport;
  /** Undefined for a transport that brings its own connection. */
  readonly controlSocket: string | undefined;
  readonly masterLog: string | undefined;
  /** The control directory this session removes on close, if any. */
  readonly directory: string | undefined;
  readonly owned: OwnedMaster | undefined;
  masterPid: number | undefined;
  readonly remoteShell: RemoteShell | undefined;
}

/**
 * One authenticated connection to a host, on which commands, subsystems and
 * forwards run through the chosen transport: an OpenSSH ControlMaster that
 * session-core launched (process and native transports), or a connection
 * the transport made itself (the ssh2 transport).
 * Dispose it (`await using`) or call `close()`; a master this process started
 * is also ended when Node exits (not on SIGKILL: see `owned-masters.ts`).
 */
export class Session implements AsyncDisposable {
  /** The transport attached to this session's master; transport-specific extras live here. */
  readonly transport: Transport;
  /** Path of the master's control socket; undefined when the transport has no master. */
  readonly controlSocket: string | undefined;
  /** The master's log (`ssh -E`), when known. */
  readonly masterLog: string | undefined;
  readonly #init: SessionInit;
  #closing: Promise<void> | undefined;
  #detached = false;
  readonly #host: CommandHost;
  #shellFamily: RemoteShellFamily | undefined;
  #shellProbe: Promise<RemoteShellFamily> | undefined;
  /** The probe found a login shell the session cannot quote for: every command is refused. */
  #shellRefused = false;

  private constructor(init: SessionInit) {
    this.#init = init;
    this.transport = init.transport;
    this.controlSocket = init.controlSocket;
    this.masterLog = init.masterLog;
    if (init.remoteShell !== undefined && init.remoteShell !== 'auto')
      this.#shellFamily = init.remoteShell;
    this.#host = {
      session: this,
      utf8Only: () => !this.transport.capabilities.binaryCommandLines,
      knownRemoteShell: () => this.#shellFamily ?? 'posix',
      remoteShellPending: () => this.#shellFamily === undefined && !this.#shellRefused,
      remoteShell: (signal) => this.#remoteShell(signal),
      start: async (target, shell, stdio, signal) => {
        this.#assertOpen();
        const child = await this.transport.spawn({
          target,
          ...stdio,
          ...(target.kind === 'exec' && shell !== undefined ? { remoteShell: shell } : {}),
          ...(signal === undefined ? {} : { signal }),
        });
        return { child, canSignal: this.transport.capabilities.signals };
      },
    };
  }

  /**
   * Connects to `destination` (`host`, `user@host`, `ssh://user@host:port`,
   * `[v6addr]`): starts a ControlMaster and attaches `options.transport` to
   * it, or lets a transport that brings its own connection connect.
   * Rejects with `SshError('connect', { reason })` when it cannot connect.
   *
   * @example
   * ```ts
   * import { Session } from '@openssh-ts/session-core';
   * import { nativeTransport } from '@openssh-ts/transport-native';
   *
   * await using session = await Session.connect('deploy@web-1', {
   *   transport: nativeTransport(),
   *   knownHosts: 'strict',
   * });
   * const { stdout } = await session.command('uname').arg('-a').output();
   * console.log(stdout.toString());
   * ```
   */
  static async connect(destination: string, options: ConnectOptions): Promise<Session> {
    checkRemoteShell(options.remoteShell);
    const factory = requireTransport(options.transport);
    if (factory.mode === 'connect') return Session.#connectDirectly(factory, destination, options);
    const sshPath = options.sshPath ?? 'ssh';
    const paths = await openMaster(destination, options);
    const owned: OwnedMaster = {
      controlSocket: paths.controlSocket,
      directory: paths.directory,
      sshPath,
      masterPid: undefined,
    };
    ownMaster(owned);
    let transport: Transport | undefined;
    try {
      transport = await factory.attach({
        controlSocket: paths.controlSocket,
        sshPath,
        masterLog: paths.masterLog,
        sessionEnvironment: paths.sessionEnvironment,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      const init: SessionInit = {
        transport,
        ...paths,
        owned,
        masterPid: undefined,
        remoteShell: options.remoteShell,
      };
      const session = new Session(init);
      const status = await transport.check();
      init.masterPid = status.masterPid;
      owned.masterPid = status.masterPid;
      if (options.signal?.aborted === true) throw options.signal.reason;
      return session;
    } catch (error) {
      await transport?.detach().catch(() => undefined);
      if (owned.masterPid === undefined) await exitMaster(sshPath, paths.controlSocket);
      else {
        signalQuietly(owned.masterPid, 'SIGTERM');
        if (!(await waitForProcessExit(owned.masterPid, 5000)))
          signalQuietly(owned.masterPid, 'SIGKILL');
      }
      disownMaster(owned);
      await rm(paths.directory, { recursive: true, force: true });
      throw error;
    }
  }

  static async #connectDirectly(
    factory: ConnectingTransportFactory,
    destination: string,
    options: ConnectOptions,
  ): Promise<Session> {
    const parsed = parseDestination(destination);
    const transport = await factory.connect({
      destination,
      parsed,
      options,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (options.signal?.aborted === true) {
      await transport.close().catch(() => undefined);
      throw options.signal.reason;
    }
    return new Session({
      transport,
      controlSocket: undefined,
      masterLog: undefined,
      directory: undefined,
      owned: undefined,
      masterPid: undefined,
      remoteShell: options.remoteShell,
    });
  }

  /**
   * Attaches to a master that is already running, e.g. one handed over by
   * `detach()`. The resumed session does not own the master: it is not ended
   * when Node exits, only by `close()`. If the control directory was made by
   * openssh-ts, `close()` removes it.
   */
  static async resume(controlSocket: string, options: ResumeOptions): Promise<Session> {
    checkRemoteShell(options.remoteShell);
    const factory = requireTransport(options.transport);
    if (factory.mode === 'connect') {
      throw new SshError(
        'unsupported',
        `the ${factory.name} transport makes its own connection and cannot resume a ControlMaster; use an attaching transport such as nativeTransport() or processTransport()`,
      );
    }
    const transport = await factory.attach({
      controlSocket,
      sshPath: options.sshPath ?? 'ssh',
      ...(options.masterLog === undefined ? {} : { masterLog: options.masterLog }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const directory = dirname(controlSocket);
    const ours =
      basename(directory).startsWith(CONTROL_DIRECTORY_PREFIX) &&
      (options.masterLog === undefined || options.masterLog === `${directory}/${MASTER_LOG_NAME}`);
    const init: SessionInit = {
      transport,
      controlSocket,
      masterLog: options.masterLog,
      directory: ours ? directory : undefined,
      owned: undefined,
      masterPid: undefined,
      remoteShell: options.remoteShell,
    };
    const session = new Session(init);
    init.masterPid = (
      await transport.check().catch(async (error: unknown) => {
        await transport.detach();
        throw error;
      })
    ).masterPid;
    return session;
  }

  /**
   * The login shell's family, probed once per session: concurrent first
   * commands share one probe; a probe that failed for another reason than
   * the shell (a lost connection) is tried again by the next command.
   */
  async #remoteShell(signal: AbortSignal | undefined): Promise<RemoteShellFamily> {
    if (this.#shellFamily !== undefined) return this.#shellFamily;
    this.#assertOpen();
    const probe = (this.#shellProbe ??= probeRemoteShell(this.transport).then(
      (family) => (this.#shellFamily = family),
      (error: unknown) => {
        if (SshError.isInstance(error) && error.kind === 'unsupported-shell')
          this.#shellRefused = true;
        else this.#shellProbe = undefined;
        throw error;
      },
    ));
    if (signal === undefined) return probe;
    if (signal.aborted) throw signal.reason;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      void probe.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  #assertOpen(): void {
    if (this.#closing !== undefined || this.#detached) {
      throw new SshError('disconnected', 'the session is closed');
    }
  }

  /** A command whose program and every `arg` are quoted. */
  command(program: string | Uint8Array): Command {
    return new Command(this.#host, { kind: 'exec', parts: [{ raw: false, value: program }] });
  }

  /** A command whose start is `line`, pasted as is: the remote login shell parses it. */
  rawCommand(line: string | Uint8Array): Command {
    return new Command(this.#host, { kind: 'exec', parts: [{ raw: true, value: line }] });
  }

  /** `sh -c <script>`: the script runs in a POSIX sh whatever the login shell; env and cwd apply to all of it. */
  shell(script: string | Uint8Array): Command {
    return this.command('sh').arg('-c').arg(script);
  }

  /** A subsystem such as `sftp`; it takes no arguments, env or cwd. */
  subsystem(name: string): Command {
    if (!/^[A-Za-z0-9][A-Za-z0-9@._-]*$/.test(name))
      throw new SshError('invalid-command', `invalid subsystem name ${JSON.stringify(name)}`);
    return new Command(this.#host, { kind: 'subsystem', name });
  }

  /** Checks that the master is alive; rejects with `disconnected` (or `master`, with its log) if not. */
  async check(): Promise<MasterStatus> {
    this.#assertOpen();
    return this.transport.check();
  }

  /**
   * Opens a forward: `local` listens here and connects from the server,
   * `remote` the reverse, `dynamic` is a SOCKS proxy listening here. Either
   * end may be TCP (`{ host, port }`) or a Unix socket (a path). A TCP
   * forward on port 0 reports the port it listens on as `allocatedPort`:
   * for a remote one the port the server allocated; for a local or dynamic
   * one a port free here, which the master is then asked to bind (OpenSSH
   * reports none for a local listener). Close such a forward by passing
   * this result, whose `request` names that port.
   */
  async requestPortForward(
    kind: ForwardKind,
    listen: SocketEndpoint,
    connect?: SocketEndpoint,
  ): Promise<PortForward> {
    this.#assertOpen();
    const request = forwardRequest(kind, listen, connect);
    trace('forward', () => `open ${kind} ${JSON.stringify(request)} (${this.transport.name})`);
    if (wantsFreeLocalPort(request)) {
      return openOnFreeLocalPort(request, (concrete) => this.transport.openForward(concrete));
    }
    const result = await this.transport.openForward(request);
    return {
      request,
      ...(result.allocatedPort === undefined ? {} : { allocatedPort: result.allocatedPort }),
    };
  }

  /** Closes a forward opened by {@link requestPortForward} (pass its result, or the same arguments). */
  async closePortForward(
    forward: PortForward | ForwardKind,
    listen?: SocketEndpoint,
    connect?: SocketEndpoint,
  ): Promise<void> {
    this.#assertOpen();
    const request =
      typeof forward === 'string'
        ? forwardRequest(forward, listen ?? '', connect)
        : forward.request;
    trace('forward', () => `close ${JSON.stringify(request)} (${this.transport.name})`);
    await this.transport.closeForward(request);
  }

  /** The transport, with its tunnels, or `unsupported` saying which transport lacks them. */
  #tunnels(): TunnelTransport {
    this.#assertOpen();
    const { transport } = this;
    if (!hasTunnels(transport)) {
      throw new SshError(
        'unsupported',
        `the ${transport.name} transport has no in-process tunnels; use requestPortForward() with a local listener instead`,
      );
    }
    return transport;
  }

  /**
   * Opens a connection from the server to `target` (TCP `{ host, port }`,
   * or a Unix socket `{ path }` where the transport can) and hands it over
   * as a Duplex: a port forward without a local listener. Rejects with
   * `forward` when the server cannot connect, `unsupported` without the
   * transport's `tunnels` capability (or for a target kind it cannot
   * reach). Destroy or end the Duplex to close the tunnel.
   */
  async openTunnel(target: TunnelTarget): Promise<Duplex> {
    const transport = this.#tunnels();
    trace('forward', () => `tunnel to ${JSON.stringify(target)} (${transport.name})`);
    return transport.openTunnel(target);
  }

  /**
   * Asks the server to listen on `listen` and hands each connection it
   * accepts to `onConnection`, in this process. Resolves once the server
   * listens, with the port (the one it picked, for port 0, where the
   * transport can ask for that). `close()` the listener when done.
   */
  async listenRemote(
    listen: RemoteListenAddress,
    onConnection: ForwardedConnectionHandler,
  ): Promise<RemoteListener> {
    const transport = this.#tunnels();
    trace('forward', () => `listen remote ${JSON.stringify(listen)} (${transport.name})`);
    return transport.listenRemote(listen, onConnection);
  }

  /**
   * Ends the master (`-O exit`), waits for it to go, and removes the control
   * directory. Rejects when the master had already failed (with what its
   * log says) or cleanup failed; the directory is removed either way.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    const init = this.#init;
    let failure: unknown;
    try {
      await this.transport.close();
    } catch (error) {
      failure = error;
    }
    if (init.masterPid !== undefined && !(await waitForProcessExit(init.masterPid, 5000))) {
      signalQuietly(init.masterPid, 'SIGKILL');
    }
    if (init.owned !== undefined) disownMaster(init.owned);
    if (init.directory !== undefined) {
      try {
        await rm(init.directory, { recursive: true, force: true });
      } catch (error) {
        failure ??= new SshError(
          'cleanup',
          `cannot remove the control directory ${init.directory}`,
          { cause: error },
        );
      }
    }
    if (failure !== undefined) throw failure as Error;
  }

  /**
   * Leaves the master running and hands back what `Session.resume` needs.
   * The master is no longer ended when this process exits.
   */
  async detach(): Promise<DetachedSession> {
    this.#assertOpen();
    if (!this.transport.capabilities.detach || this.controlSocket === undefined) {
      throw new SshError(
        'unsupported',
        `the ${this.transport.name} transport has no ControlMaster to leave running, so its session cannot be detached; close() it instead`,
      );
    }
    this.#detached = true;
    if (this.#init.owned !== undefined) disownMaster(this.#init.owned);
    await this.transport.detach();
    return { controlSocket: this.controlSocket, masterLog: this.masterLog };
  }

  /**
   * `close()` for `await using`, ignoring a master that had already failed
   * (as the crate's Drop does); a detached session is left alone.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.#detached) return;
    await this.close().catch((error: unknown) => {
      if (SshError.isInstance(error) && error.kind === 'cleanup') throw error;
    });
  }
}
