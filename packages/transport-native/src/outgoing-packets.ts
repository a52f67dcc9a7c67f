import type { SshError } from '@openssh-ts/session-core';

/** Data queued on a channel, waiting for window; `offset` bytes of it have left. */
export interface QueuedWrite {
  readonly data: Uint8Array;
  offset: number;
  /** EXTENDED_DATA type code, or undefined for DATA. */
  readonly code: number | undefined;
  readonly callback: (error?: SshError) => void;
}

/** The bytes of one outgoing packet: views of the queued writes, in order. */
export interface OutgoingPacket {
  readonly pieces: Uint8Array[];
  readonly length: number;
  /** How many writes at the front of the queue are now sent in full. */
  readonly completed: number;
}

/**
 * Takes up to `limit` bytes from the front of `queue` for one packet,
 * across consecutive writes of the same stream, advancing their offsets.
 *
 * Filling a packet from several writes keeps a small write from becoming a
 * packet of its own: an SFTP WRITE is a ~30-byte header written just before
 * its data, and alone it would cost a whole packet at every hop (our
 * socket, the master, the cipher, sshd). The pieces are views; nothing is
 * copied. Writes of zero bytes complete without using any of `limit`.
 */
export function takePacket(queue: readonly QueuedWrite[], limit: number): OutgoingPacket {
  const pieces: Uint8Array[] = [];
  let length = 0;
  let completed = 0;
  const code = queue[0]?.code;
  for (const write of queue) {
    if (write.code !== code) break;
    const taken = Math.min(write.data.byteLength - write.offset, limit - length);
    if (taken > 0) pieces.push(write.data.subarray(write.offset, write.offset + taken));
    write.offset += taken;
    length += taken;
    if (write.offset < write.data.byteLength) break;
    completed += 1;
  }
  return { pieces, length, completed };
}
