// session-core's integration suite, the same one the process transport runs:
// every Session/Command behaviour must hold on this transport too.
import { defineSessionSuite } from '@openssh-ts/session-suite';
import { nativeTransport } from './index.js';

// The transport that keeps the most of its own (sockets, a keeper) in this
// process runs the full 1,000 connect/close cycles.
defineSessionSuite('native transport', nativeTransport(), { connectCycles: 1000 });
