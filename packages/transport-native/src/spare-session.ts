import type { Channel, ChannelListener } from './channel.js';

/** What the spare needs from the link. */
export interface SpareSource {
  /** Opens a session only if a slot is free now and nobody waits; never retried. */
  openSpare(): Promise<Channel>;
  /** Whether session opens are waiting for a slot. */
  readonly sessionsWaiting: boolean;
}

/**
 * One session channel opened ahead of need. A command's open costs a round
 * trip through the master to the server before its `exec` can go; taking a
 * channel that is already open saves it, which is most of a short
 * command's latency. The spare holds a server session slot, so it is only
 * opened when a slot is free and nobody waits, and is given back as soon as
 * someone does. It starts with the first command, not at attach.
 */
export class SpareSession {
  private spare: Channel | undefined;
  private opening = false;
  private enabled = false;

  constructor(private readonly source: SpareSource) {}

  /** The spare channel, if one is open; a new one is then prepared. */
  take(): Channel | undefined {
    this.enabled = true;
    const channel = this.spare;
    this.spare = undefined;
    this.refill();
    return channel === undefined || channel.closing ? undefined : channel;
  }

  /** Prepares a spare if there is room for one. */
  refill(): void {
    if (!this.enabled || this.spare !== undefined || this.opening || this.source.sessionsWaiting)
      return;
    this.opening = true;
    this.source.openSpare().then(
      (channel) => {
        this.opening = false;
        if (this.source.sessionsWaiting) {
          channel.close();
          return;
        }
        this.spare = channel;
        channel.listener = this.idleListener(channel);
      },
      () => {
        this.opening = false;
      },
    );
  }

  /** Someone waits for a slot: the spare's is theirs. */
  yieldSlot(): void {
    const channel = this.spare;
    this.spare = undefined;
    channel?.close();
  }

  /** Stops preparing spares (the link is leaving); the caller closes channels. */
  stop(): void {
    this.enabled = false;
    this.spare = undefined;
  }

  private idleListener(channel: Channel): ChannelListener {
    const forget = (): void => {
      if (this.spare === channel) this.spare = undefined;
    };
    return {
      onData: () => true,
      onEof: forget,
      onRequest: () => false,
      onClosed: forget,
    };
  }
}
