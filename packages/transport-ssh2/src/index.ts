/**
 * @openssh-ts/transport-ssh2 — the openssh-ts transport that connects by
 * itself with the pure-JS `ssh2` package: no `ssh` binary, no ControlMaster.
 *
 * @packageDocumentation
 * @module @openssh-ts/transport-ssh2
 */
export {
  ssh2Transport,
  Ssh2Transport,
  type Ssh2TransportFactory,
  type Ssh2TransportOptions,
  type Ssh2Algorithms,
} from './ssh2-transport.js';
// The tunnel types live in session-core (Session.openTunnel); re-exported
// here for code written when they were this package's.
export type {
  TunnelTarget,
  ForwardedOrigin,
  ForwardedConnectionHandler,
} from '@openssh-ts/session-core';
export type * from './contracts.js';
