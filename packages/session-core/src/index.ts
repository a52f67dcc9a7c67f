/**
 * Public API of openssh-ts: Session, Command, RemoteChild, ExitStatus,
 * SshError, and the Transport interface that transports implement.
 *
 * @packageDocumentation
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
  TransportCapabilities,
  StdioOption,
  PtyOptions,
  SpawnTarget,
  SpawnRequest,
  TransportExit,
  TransportChild,
  SocketAddress,
  ForwardKind,
  ForwardRequest,
  ForwardResult,
  MasterStatus,
  Transport,
} from './transport.js';
