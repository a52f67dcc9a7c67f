/**
 * @openssh-ts/transport-ssh2 — the openssh-ts transport that connects by
 * itself with the pure-JS `ssh2` package: no `ssh` binary, no ControlMaster.
 *
 * @packageDocumentation
 */
export {
  ssh2Transport,
  Ssh2Transport,
  type Ssh2TransportFactory,
  type Ssh2TransportOptions,
  type Ssh2Algorithms,
} from './ssh2-transport.js';
export type { TunnelTarget, ForwardedOrigin, ForwardedConnectionHandler } from './port-forwards.js';
export type * from './contracts.js';
