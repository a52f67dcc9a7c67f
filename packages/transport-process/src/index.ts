/**
 * @openssh-ts/transport-process — the openssh-ts transport that runs one
 * `ssh -S <control socket>` process per remote command.
 *
 * @packageDocumentation
 * @module @openssh-ts/transport-process
 */
export { processTransport, type ProcessTransportOptions } from './process-transport.js';
