import { SshError } from '@openssh-ts/session-core';
import { Channel, type ChannelLink, type ChannelPacket } from './channel.js';

/** Window and packet sizes we announce for channels we open or accept. */
export interface ChannelSizes {
  readonly windowSize: number;
  readonly maximumPacket: number;
  /** The most a channel's window may grow to; `windowSize` when absent (no growth). */
  readonly maximumWindowSize?: number;
}

/**
 * The channels of one proxy link by our local id: ours while their open is
 * unanswered, then every open one until it is released. The master
 * translates ids, so they are ours alone.
 */
export class ChannelTable {
  private readonly channels = new Map<number, Channel>();
  private nextId = 0;

  constructor(
    private readonly link: ChannelLink,
    private readonly sizes: ChannelSizes,
  ) {}

  /** A new channel under a free id; it enters the table only once {@link add}ed. */
  create(): Channel {
    return new Channel(
      this.allocateId(),
      this.link,
      this.sizes.windowSize,
      this.sizes.maximumPacket,
      this.sizes.maximumWindowSize,
    );
  }

  /** Enters a channel under its local id. */
  add(channel: Channel): void {
    this.channels.set(channel.localId, channel);
  }

  /** The channel under `localId`, if any. */
  get(localId: number): Channel | undefined {
    return this.channels.get(localId);
  }

  /** Removes whatever is under `localId`. */
  delete(localId: number): void {
    this.channels.delete(localId);
  }

  /** Removes every channel. */
  clear(): void {
    this.channels.clear();
  }

  /** The channels, live: one removed during the iteration is not visited. */
  values(): IterableIterator<Channel> {
    return this.channels.values();
  }

  /** How many channels there are, opening or open. */
  get size(): number {
    return this.channels.size;
  }

  /** The open channel a packet from the master is for; a packet for any other is out of protocol. */
  recipient(packet: ChannelPacket): Channel {
    const channel = this.channels.get(packet.recipientChannel);
    if (!channel || channel.remoteId < 0) {
      throw new SshError('mux', `${packet.type} for unknown channel ${packet.recipientChannel}`);
    }
    return channel;
  }

  private allocateId(): number {
    // Ids are ours alone (the master translates them), so a counter that
    // skips live ids suffices.
    do {
      this.nextId = (this.nextId + 1) % 0x7fffffff;
    } while (this.channels.has(this.nextId));
    return this.nextId;
  }
}
