import type { TransferContext } from './transfer-settings.js';

/** An extra SFTP session on its own channel, as {@link ParallelChannels} keeps it. */
export interface ExtraChannel {
  readonly context: TransferContext;
  /** Closed by the caller or lost (its server or channel died). */
  readonly closed: boolean;
  close(): Promise<void>;
}

interface Slot {
  readonly opening: Promise<ExtraChannel | undefined>;
  channel: ExtraChannel | undefined;
  settled: boolean;
}

/**
 * The extra SFTP sessions one `Sftp` spreads a large fastGet/fastPut over.
 * Every SSH channel has its own flow-control window (sshd grants 2 MiB per
 * session channel, so one channel's upload is capped at 2 MiB per round
 * trip), which several channels multiply.
 *
 * They are opened on the first transfer that needs them and kept until
 * `close()`; one that died is opened again by the next transfer. A
 * transfer never waits for them: it starts on the main session, and each
 * extra joins once open. One that cannot be opened — the server refused or
 * queued the channel (MaxSessions) — leaves the transfer on fewer channels.
 */
export class ParallelChannels {
  readonly #slots: (Slot | undefined)[];
  #closed = false;

  constructor(
    extraCount: number,
    private readonly open: () => Promise<ExtraChannel>,
  ) {
    this.#slots = Array.from({ length: extraCount }, () => undefined);
  }

  /** How many extra sessions a transfer may use. */
  get size(): number {
    return this.#slots.length;
  }

  /**
   * One promise per extra session: its transfer context once open, or
   * undefined when it could not be opened or the pool was closed.
   */
  contexts(): Promise<TransferContext | undefined>[] {
    if (this.#closed) return [];
    return this.#slots.map((slot, index) => {
      const usable = slot !== undefined && !(slot.settled && (slot.channel?.closed ?? true));
      const current = usable ? slot : this.#start(index);
      return current.opening.then((channel) =>
        channel === undefined || channel.closed ? undefined : channel.context,
      );
    });
  }

  /** Closes every extra session, those still opening included. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(
      this.#slots.map(async (slot) => {
        const channel = await slot?.opening;
        await channel?.close().catch(() => undefined);
      }),
    );
  }

  #start(index: number): Slot {
    const previous = this.#slots[index];
    // A dead session's server may still be ending; its close reaps it.
    void previous?.opening.then((channel) => channel?.close().catch(() => undefined));
    const slot: Slot = {
      opening: this.open().then(
        async (channel) => {
          slot.channel = channel;
          slot.settled = true;
          // Opened after close(): it belongs to nobody.
          if (this.#closed) {
            await channel.close().catch(() => undefined);
            return undefined;
          }
          return channel;
        },
        () => {
          slot.settled = true;
          return undefined;
        },
      ),
      channel: undefined,
      settled: false,
    };
    this.#slots[index] = slot;
    return slot;
  }
}
