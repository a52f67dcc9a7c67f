import { SshError } from '@openssh-ts/session-core';
import type { ClientChannel } from 'ssh2';

/** The parts of ssh2 1.17's channel internals that a signal with a reply needs. */
interface ChannelInternals {
  readonly outgoing: { readonly id: number; readonly state: string };
  readonly _callbacks: ((failed: boolean | Error) => void)[];
  readonly _client: {
    readonly _protocol: {
      signal(channel: number, name: string): void;
      readonly _packetRW: {
        readonly write: {
          readonly allocStart: number;
          finalize: (packet: Buffer, ...rest: unknown[]) => unknown;
        };
      };
    };
  };
}

/** Offset of want_reply in a `signal` request: type byte, channel, "signal" as a string. */
const WANT_REPLY_OFFSET = 1 + 4 + 4 + 'signal'.length;

/**
 * Sends a `signal` channel request (RFC 4254 §6.9) that asks for a reply,
 * and resolves whether sshd delivered it. ssh2 itself sends signals without
 * asking, which leaves a signal sent before the remote process has its own
 * process group silently lost; so the packet ssh2 builds gets its
 * want_reply flag set on its way out, and the reply is awaited on the
 * channel's reply queue as ssh2 does for its own requests. Written against
 * ssh2 1.17.0 (the version this package pins); should those internals
 * differ, the signal goes without a reply and counts as delivered.
 */
export function sendSignal(channel: ClientChannel, name: string): Promise<boolean> {
  const internals = channel as unknown as Partial<ChannelInternals>;
  const protocol = internals._client?._protocol;
  const writer = protocol?._packetRW?.write;
  if (
    internals.outgoing === undefined ||
    !Array.isArray(internals._callbacks) ||
    protocol === undefined ||
    writer === undefined ||
    typeof writer.finalize !== 'function'
  ) {
    channel.signal(name);
    return Promise.resolve(true);
  }
  // After our EOF (state `eof`) requests still go; after our CLOSE nothing does.
  const { state } = internals.outgoing;
  if (state !== 'open' && state !== 'eof') return Promise.resolve(true);
  const { outgoing, _callbacks: callbacks } = internals;
  const start = writer.allocStart;
  const finalize = writer.finalize;
  const own = Object.hasOwn(writer, 'finalize');
  const restore = (): void => {
    if (own) writer.finalize = finalize;
    else delete (writer as { finalize?: unknown }).finalize;
  };
  return new Promise((resolve, reject) => {
    const onReply = (failed: boolean | Error): void => resolve(failed === false);
    callbacks.push(onReply);
    writer.finalize = function (this: unknown, packet: Buffer, ...rest: unknown[]) {
      restore();
      packet[start + WANT_REPLY_OFFSET] = 1;
      return finalize.call(this, packet, ...rest);
    };
    try {
      protocol.signal(outgoing.id, name);
    } catch (error) {
      callbacks.splice(callbacks.indexOf(onReply), 1);
      reject(new SshError('unsupported', `ssh2 cannot send signal ${name}`, { cause: error }));
    } finally {
      restore();
    }
  });
}
