/**
 * Public API of openssh-ts: Session, Command, RemoteChild, ExitStatus,
 * SshError, and the Transport interface that transports implement.
 *
 * @packageDocumentation
 * @module @openssh-ts/session-core
 */
export {
  SshError,
  type SshErrorKind,
  type SshErrorDetails,
  type ConnectFailureReason,
  type RemoteFailureReason,
} from './ssh-error.js';
export { exitStatus, type ExitStatus } from './exit-status.js';
export type {
  TransportVersion,
  TransportContext,
  TransportFactory,
  AttachingTransportFactory,
  ConnectingTransportFactory,
  ConnectContext,
  TransportCapabilities,
  StdioOption,
  PtyOptions,
  TerminalSize,
  SpawnTarget,
  SpawnRequest,
  RemoteShellFamily,
  TransportExit,
  TransportChild,
  SocketAddress,
  ForwardKind,
  ForwardRequest,
  ForwardResult,
  MasterStatus,
  Transport,
} from './transport.js';
export {
  BORROW_CHUNKS,
  borrowChunks,
  type ChunkBorrower,
  type ChunkLender,
} from './borrowed-chunks.js';
export { Session, type DetachedSession } from './session.js';
export { SessionBuilder } from './session-builder.js';
export {
  ReconnectingSession,
  isConnectionLoss,
  type ReconnectOptions,
  type ReconnectingSessionEvents,
} from './reconnecting-session.js';
export type {
  ConnectOptions,
  ResumeOptions,
  KnownHostsPolicy,
  ControlPersist,
  RemoteShell,
  LoginPrompt,
  LoginPromptKind,
  SecretSource,
} from './connect-options.js';
export { Command } from './command.js';
export { checkTerminalSize } from './terminal-size.js';
export { failOutput } from './fail-output.js';
export {
  DEFAULT_SERVER_ALIVE_INTERVAL,
  DEFAULT_SERVER_ALIVE_COUNT_MAX,
  deadLinkBound,
  serverAliveFromOptions,
  readServerAliveConfig,
  type ServerAliveSettings,
} from './server-alive.js';
export { RemoteChild, type CommandOutput } from './remote-child.js';
export { overSsh, type LocalCommand, type OverSshOptions } from './over-ssh.js';
export type { PortForward, SocketEndpoint } from './port-forward.js';
export type {
  ForwardedConnectionHandler,
  ForwardedOrigin,
  RemoteListenAddress,
  RemoteListener,
  TunnelTarget,
} from './tunnel.js';
export { parseDestination, type ParsedDestination } from './destination.js';
export { MAX_COMMAND_LINE_BYTES } from './command-line.js';
export { interpretSshError, stripSshNoise } from './interpret-ssh-error.js';
export { MAX_CONTROL_SOCKET_PATH_BYTES } from './control-directory.js';
export { readLogTail } from './read-log-tail.js';
export { isProcessAlive } from './process-liveness.js';
export {
  TRACE_CHANNEL,
  formatCommandLine,
  formatTraceEvent,
  redactSecrets,
  trace,
  traceEnabled,
  type TraceEvent,
  type TraceTopic,
} from './trace.js';
