/**
 * @openssh-ts/transport-ssh2 — the openssh-ts transport that connects by
 * itself with the pure-JS `ssh2` package: no `ssh` binary, no ControlMaster.
 *
 * @packageDocumentation
 */
export { ssh2Transport, type Ssh2TransportOptions } from './ssh2-transport.js';
export type * from './contracts.js';
