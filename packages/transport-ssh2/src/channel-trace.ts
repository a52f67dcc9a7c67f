// Channel opens and closes on the trace (session-core's trace point, topic
// `channel`), in the words the native transport uses, so that one trace
// reads the same whichever transport ran: `#<local id> …`, then `#<id> closed`.
import { trace } from '@openssh-ts/session-core';
import type { Duplex } from 'node:stream';

/** ssh2 keeps a channel's ids on fields its types leave out. */
interface ChannelIds {
  readonly incoming?: { readonly id?: number };
  readonly outgoing?: { readonly id?: number };
}

/**
 * Traces that `channel` opened for `what()` (`exec <command>`, `subsystem
 * sftp`, `direct-tcpip 127.0.0.1:80`…), and later that it closed.
 */
export function traceChannel(channel: Duplex, what: () => string): void {
  const ids = channel as unknown as ChannelIds;
  const local = ids.incoming?.id ?? '?';
  trace('channel', () => `#${local} ${what()} (server channel ${ids.outgoing?.id ?? '?'})`);
  channel.once('close', () => trace('channel', () => `#${local} closed`));
}

/** Traces a channel the server would not open. */
export function traceChannelRefused(what: () => string, error: Error): void {
  trace('channel', () => `${what()} refused: ${error.message}`);
}
