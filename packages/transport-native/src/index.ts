/**
 * @openssh-ts/transport-native — an openssh-ts transport that speaks the
 * OpenSSH mux protocol (PROTOCOL.mux, version 4) to a ControlMaster's
 * control socket itself. Commands run as channels over one proxy-mode
 * connection (`MUX_C_PROXY`, OpenSSH ≥ 7.4): no process per command, exit
 * signals are reported, `kill()` works, and stream backpressure reaches the
 * server through the SSH channel window.
 *
 * @packageDocumentation
 * @module @openssh-ts/transport-native
 */
export {
  nativeTransport,
  NativeTransport,
  type NativeTransportOptions,
} from './native-transport.js';
// The tunnel types live in session-core (Session.openTunnel); re-exported
// here for code written when they were this package's.
export type {
  TunnelTarget,
  ForwardedConnectionHandler,
  ForwardedOrigin,
  RemoteListener,
} from '@openssh-ts/session-core';
