// The contract between session-core and a transport. Everything a transport
// must do is here and nothing of a particular transport. A transport comes
// in one of two ways: it attaches to a ControlMaster that session-core
// launched (process, native), or it brings its own connection (a pure-JS
// SSH client). Either way session-core keeps destination parsing,
// command-line building, quoting, errors and the public API; a transport
// turns "run this / forward that" into work on its connection.
//
// Change with great care: every transport implements this. A breaking change
// bumps `transportVersion`, and session-core refuses a factory whose version
// it does not know.
import type { Duplex, Readable, Writable } from 'node:stream';
import type { ConnectOptions } from './connect-options.js';
import type { ParsedDestination } from './destination.js';
import type {
  ForwardedConnectionHandler,
  RemoteListenAddress,
  RemoteListener,
  TunnelTarget,
} from './tunnel.js';

/**
 * The version of this interface that a transport implements. Version 2
 * split factories into attaching and connecting ones and added the
 * `detach` capability; version 1 factories are refused with a message
 * that says so.
 */
export type TransportVersion = 2;

/** What a transport needs to attach to a running ControlMaster. */
export interface TransportContext {
  /** Path of the ControlMaster's Unix control socket. */
  readonly controlSocket: string;
  /** The `ssh` program to run, for transports that run it. */
  readonly sshPath: string;
  /** The master's log file (`ssh -E`), if session-core knows it; for error messages. */
  readonly masterLog?: string;
  /**
   * The variables each session sends, in order, as `env` requests (RFC 4254
   * §6.4): what ssh would send for the destination's resolved ssh_config —
   * its environment's matches of SendEnv, then SetEnv. Absent after
   * `Session.resume` (nothing says what the master was started for).
   */
  readonly sessionEnvironment?: readonly (readonly [name: string, value: string])[];
  /** Aborts attaching. */
  readonly signal?: AbortSignal;
}

/**
 * What a connecting transport is given: the destination as session-core
 * parsed it and every connect option the user passed (a transport honours
 * those that make sense for it and says which in its README).
 */
export interface ConnectContext {
  /** The destination as the user wrote it, e.g. `deploy@web-1` or an ssh_config alias. */
  readonly destination: string;
  /** The same, split; a user or port in it takes precedence over `options`. */
  readonly parsed: ParsedDestination;
  /** The options given to `Session.connect` (`transport` included, unused). */
  readonly options: ConnectOptions;
  /** Aborts connecting. */
  readonly signal?: AbortSignal;
}

/**
 * A factory whose transport rides a ControlMaster: session-core launches
 * `ssh -M` (or `Session.resume` finds one running) and hands over its
 * control socket.
 */
export interface AttachingTransportFactory {
  /** Contract version the factory implements; session-core refuses others with a message. */
  readonly transportVersion: TransportVersion;
  /** Short name for messages and benchmarks, e.g. `process` or `native`. */
  readonly name: string;
  /** Rides a ControlMaster: session-core calls {@link AttachingTransportFactory.attach}. */
  readonly mode: 'attach';
  /** Attaches to the master; rejects with an `SshError` (`master`, `mux`, ...) when it cannot. */
  attach(context: TransportContext): Promise<Transport>;
}

/**
 * A factory whose transport makes its own connection to the server (no
 * `ssh` binary, no master). Its transport cannot be detached or resumed.
 */
export interface ConnectingTransportFactory {
  /** Contract version the factory implements; session-core refuses others with a message. */
  readonly transportVersion: TransportVersion;
  /** Short name for messages and benchmarks, e.g. `ssh2`. */
  readonly name: string;
  /** Makes its own connection: session-core calls {@link ConnectingTransportFactory.connect}. */
  readonly mode: 'connect';
  /**
   * Connects and authenticates; rejects with `SshError('connect', { reason })`
   * using the same reasons as the OpenSSH transports.
   */
  connect(context: ConnectContext): Promise<Transport>;
}

/**
 * What a user passes as `transport` to `Session.connect`. Factories are
 * cheap, stateless values (e.g. `processTransport()`), so one can serve many
 * sessions.
 */
export type TransportFactory = AttachingTransportFactory | ConnectingTransportFactory;

/** What a transport can do beyond the minimum; session-core adapts to it. */
export interface TransportCapabilities {
  /** `kill(signal)` delivers a signal to the remote process. */
  readonly signals: boolean;
  /** Exit statuses tell a remote signal apart from a lost connection. */
  readonly exitSignals: boolean;
  /**
   * Command lines may contain any byte except NUL. When false (command lines
   * travel through a process argv, which Node encodes as UTF-8), session-core
   * quotes in ASCII-only form so non-UTF-8 arguments still arrive exact.
   */
  readonly binaryCommandLines: boolean;
  /** A pseudo-terminal can be requested. */
  readonly pty: boolean;
  /**
   * The connection is a ControlMaster that can be left running
   * (`Session.detach()`) and attached to again (`Session.resume`). False for
   * a transport that brings its own connection: `detach()` then rejects
   * with `unsupported`.
   */
  readonly detach: boolean;
  /**
   * `openTunnel` and `listenRemote` are implemented (in-process tunnels,
   * see `Session.openTunnel`). Optional so that transports written before
   * it keep working: absent means false.
   */
  readonly tunnels?: boolean;
}

/**
 * One stdio slot of a remote command: discard (`'null'`), a pipe exposed on
 * the child (`'pipe'`), this process' own stdio (`'inherit'`), or a Node
 * stream to read stdin from / write output to.
 */
export type StdioOption<TStream> = 'null' | 'pipe' | 'inherit' | TStream;

/**
 * The size of a pseudo-terminal, as carried by `pty-req` and `window-change`
 * (RFC 4254 §6.2, §6.7). Every field is an integer; columns and rows are
 * 1..65535 and pixels 0..65535 (0: unknown, the default), because the
 * server stores them in a `struct winsize` of 16-bit fields and would cut
 * larger values silently.
 */
export interface TerminalSize {
  /** Width in character cells (1..65535). */
  readonly columns: number;
  /** Height in character cells (1..65535). */
  readonly rows: number;
  /** Width in pixels (0..65535; 0 or unset: unknown). */
  readonly widthPixels?: number;
  /** Height in pixels (0..65535; 0 or unset: unknown). */
  readonly heightPixels?: number;
}

/** A pseudo-terminal request (RFC 4254 §6.2). */
export interface PtyOptions extends TerminalSize {
  /** TERM value, e.g. `xterm-256color`. */
  readonly term: string;
  /** Terminal modes as opcode → value (RFC 4254 §8); empty by default. */
  readonly modes?: ReadonlyMap<number, number>;
}

/** What to start on the remote side. */
export type SpawnTarget =
  | {
      /** Run a command line through the remote login shell (RFC 4254 §6.5 `exec`). */
      readonly kind: 'exec';
      /** The complete command line for the remote login shell, already quoted. */
      readonly commandLine: Uint8Array;
    }
  | {
      /** Start a named subsystem (RFC 4254 §6.5 `subsystem`). */
      readonly kind: 'subsystem';
      /** Subsystem name, e.g. `sftp`. */
      readonly name: string;
    };

/**
 * The family of remote login shell a command line is written for: `posix`
 * (sh, dash, bash, zsh, ksh/mksh, busybox ash) or `fish`.
 */
export type RemoteShellFamily = 'posix' | 'fish';

/** A request to start a remote command or subsystem. */
export interface SpawnRequest {
  /** The command or subsystem to start. */
  readonly target: SpawnTarget;
  /** Where remote stdin comes from. */
  readonly stdin: StdioOption<Readable>;
  /** Where remote stdout goes. */
  readonly stdout: StdioOption<Writable>;
  /** Where remote stderr goes. */
  readonly stderr: StdioOption<Writable>;
  /** A pseudo-terminal to request first; none when unset. */
  readonly pty?: PtyOptions;
  /**
   * For `exec`: the family of the remote login shell the command line is
   * quoted for (see `ConnectOptions.remoteShell`). A transport that adds
   * to the line (a wrapper, a prefix) must write what it adds for this
   * family. Absent: the family is not known yet and the line is written
   * to mean the same to every shell (session-core's shell probe, or a first
   * command run beside it behind its guard); a transport adds nothing to it.
   */
  readonly remoteShell?: RemoteShellFamily;
  /** Aborts starting; once started, session-core handles cancellation via `kill`/`disconnect`. */
  readonly signal?: AbortSignal;
}

/** How a remote process ended, as far as the transport can tell. */
export interface TransportExit {
  /** Exit code, or null when killed by a signal. */
  readonly code: number | null;
  /** Signal name without `SIG`, or null. */
  readonly signal: string | null;
  /** Whether the remote side reported a core dump with the signal. */
  readonly coreDumped: boolean;
  /** The error message that came with `exit-signal`, if any. */
  readonly message?: string;
}

/** A running remote command, as a transport sees it. */
export interface TransportChild {
  /** Writable end of the remote stdin when it was `'pipe'`, else null. */
  readonly stdin: Writable | null;
  /**
   * Remote stdout when it was `'pipe'`, else null. May also implement
   * `ChunkLender` (borrowed-chunks.ts); consumers must not rely on it.
   */
  readonly stdout: Readable | null;
  /** Remote stderr when it was `'pipe'`, else null. */
  readonly stderr: Readable | null;
  /**
   * Resolves once the remote process has ended and its output has been
   * delivered; rejects with an `SshError` (`disconnected`,
   * `remote-process-terminated`, `child-io`, ...) when no status can be had.
   * May be called more than once; always the same promise.
   */
  wait(): Promise<TransportExit>;
  /**
   * Sends a signal (name without `SIG`, e.g. `TERM`) to the remote process.
   * Rejects with `SshError` kind `unsupported` when the transport cannot.
   */
  kill(signal: string): Promise<void>;
  /**
   * Stops caring about the remote process: closes our ends of its stdio and
   * of the channel (or local ssh process). `wait()` then rejects with
   * `disconnected` unless a status already arrived.
   *
   * `reason`, when given, is what a piped stdout or stderr that this cuts
   * off fails with instead of `disconnected`: session-core passes what its
   * own `wait()` will reject with (the caller's abort reason, a timeout's
   * error), so that a stream and `wait()` tell the same story. Optional for
   * transports written before it (the interface version stays).
   */
  disconnect(reason?: Error): void;
  /**
   * Tells the remote pseudo-terminal its new size (a `window-change`
   * request), so the process there gets SIGWINCH. Called by session-core
   * only for a child spawned with `pty`, with a size it has already checked.
   * Synchronous because the request has no reply: there is nothing to wait
   * for, and it is typically called from a `'resize'` event handler. A no-op
   * once the process has exited or was disconnected; throws `SshError`
   * (`disconnected`) when the connection is lost.
   *
   * Optional, so that transports written against version 1 before it
   * existed keep working (the interface version stays 1): without it,
   * session-core reports `unsupported`. A transport that cannot allocate a
   * pseudo-terminal (capability `pty: false`) leaves it out.
   */
  resize?(size: TerminalSize): void;
}

/** A socket endpoint: TCP host and port, or a Unix socket path. */
export type SocketAddress =
  | {
      /** Host name or address. */
      readonly host: string;
      /** TCP port (0 to let the listening side choose). */
      readonly port: number;
    }
  | {
      /** Unix socket path. */
      readonly path: string;
    };

/** The kinds of forward, as in `ssh -L`, `-R` and `-D`. */
export type ForwardKind = 'local' | 'remote' | 'dynamic';

/**
 * A port forward. `local`: listen here, connect from the server. `remote`:
 * listen on the server, connect from here. `dynamic`: SOCKS listener here
 * (no `connect`).
 */
export type ForwardRequest =
  | {
      /** `local` (ssh -L) or `remote` (ssh -R). */
      readonly kind: 'local' | 'remote';
      /** Where to listen: here for `local`, on the server for `remote`. */
      readonly listen: SocketAddress;
      /** Where each accepted connection goes: from the server for `local`, from here for `remote`. */
      readonly connect: SocketAddress;
    }
  | {
      /** `dynamic` (ssh -D): a SOCKS listener here. */
      readonly kind: 'dynamic';
      /** Where the SOCKS listener listens, here. */
      readonly listen: SocketAddress;
    };

/** What opening a forward produced. */
export interface ForwardResult {
  /**
   * For a remote TCP forward asked on port 0: the port the server allocated.
   * (Local and dynamic forwards reach a transport with a concrete port:
   * session-core picks a free one for port 0.)
   */
  readonly allocatedPort?: number;
}

/** What `check()` learned about the master. */
export interface MasterStatus {
  /** The ControlMaster's pid, when the transport can tell. */
  readonly masterPid?: number;
}

/**
 * A transport on one connection (a ControlMaster, or its own). Methods
 * reject with `SshError` only. After the connection is lost, every pending
 * and later call rejects with kind `disconnected` promptly.
 */
export interface Transport {
  /** Contract version the transport implements (the factory's). */
  readonly transportVersion: TransportVersion;
  /** Short name for messages and benchmarks, e.g. `native`. */
  readonly name: string;
  /** What the transport supports beyond the basics. */
  readonly capabilities: TransportCapabilities;
  /** Starts a remote command or subsystem; resolves once it is started. */
  spawn(request: SpawnRequest): Promise<TransportChild>;
  /** Asks the master whether it is alive. */
  check(): Promise<MasterStatus>;
  /** Opens a port forward; resolves once it listens (with the allocated port for a remote port 0). */
  openForward(request: ForwardRequest): Promise<ForwardResult>;
  /** Closes a forward opened by `openForward` (the same request). */
  closeForward(request: ForwardRequest): Promise<void>;
  /** Ends the connection (asks the master to exit) and releases the transport's resources. */
  close(): Promise<void>;
  /**
   * Releases the transport's resources and leaves the master running. Only
   * called when `capabilities.detach` is true; a transport without a master
   * may treat it as `close()`, which session-core uses when a connect fails
   * half-way.
   */
  detach(): Promise<void>;
  /**
   * With `capabilities.tunnels`: a connection from the server to `target`
   * as a Duplex. Rejects with `forward` when the server cannot connect,
   * `unsupported` for a target kind the transport cannot reach.
   */
  openTunnel?(target: TunnelTarget): Promise<Duplex>;
  /**
   * With `capabilities.tunnels`: a listener on the server whose
   * connections go to `onConnection`; resolves once the server listens.
   */
  listenRemote?(
    listen: RemoteListenAddress,
    onConnection: ForwardedConnectionHandler,
  ): Promise<RemoteListener>;
}
