import type { ProtocolClient } from './protocol-client.js';
import { raceAbort } from './read-pipeline.js';

/**
 * Keeps up to `concurrency` WRITE requests in flight on one handle. `write`
 * resolves as soon as the request is sent (the data has been copied into
 * the packet, so the caller may reuse its buffer); `flush` waits for every
 * acknowledgement. The first failure is kept and rethrown by every later
 * `write` and by `flush`, so a writer stops at the first error.
 */
export class WriteWindow {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly client: ProtocolClient,
    private readonly handle: Uint8Array,
    private readonly concurrency: number,
    private readonly blockSize: number,
    private readonly signal?: AbortSignal,
  ) {}

  /** Bytes acknowledged by the server so far. */
  acknowledged = 0;

  /** Sends `data` at `offset`, split into blocks, waiting for room in the window. */
  async write(offset: number, data: Uint8Array): Promise<void> {
    for (let done = 0; done < data.byteLength;) {
      while (this.inFlight.size >= this.concurrency && !this.failure) {
        const room = Promise.race(this.inFlight);
        await (this.signal === undefined ? room : raceAbort(room, this.signal));
      }
      if (this.failure) throw this.failure.error;
      const block = data.subarray(done, done + this.blockSize);
      const sent = this.client.write(this.handle, offset + done, block).then(
        () => {
          this.acknowledged += block.byteLength;
          this.inFlight.delete(sent);
        },
        (error: unknown) => {
          this.failure ??= { error };
          this.inFlight.delete(sent);
        },
      );
      this.inFlight.add(sent);
      done += block.byteLength;
    }
  }

  /** Waits for every write in flight; rethrows the first failure. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) {
      const next = Promise.race(this.inFlight);
      await (this.signal === undefined ? next : raceAbort(next, this.signal));
    }
    if (this.failure) throw this.failure.error;
  }

  /** Waits for every write in flight, ignoring failures (for cleanup paths). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
  }
}
