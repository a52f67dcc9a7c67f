import type { ProtocolClient } from './protocol-client.js';
import { raceAbort } from './read-pipeline.js';

/**
 * Keeps up to `concurrency` WRITE requests in flight on one handle. `write`
 * resolves as soon as the request is sent (the data has been copied into
 * the packet, so the caller may reuse its buffer); `flush` waits for every
 * acknowledgement. The first failure is kept and rethrown by every later
 * `write` and by `flush`, so a writer stops at the first error.
 *
 * Completions wake one waiter through a counter instead of
 * `Promise.race(inFlight)`, which attached `concurrency` reactions per
 * block and showed up in profiles of uploads.
 */
export class WriteWindow {
  private inFlight = 0;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly client: ProtocolClient,
    private readonly handle: Uint8Array,
    private readonly concurrency: number,
    private readonly blockSize: number,
    private readonly signal?: AbortSignal,
  ) {}

  /** Bytes acknowledged by the server so far. */
  acknowledged = 0;

  /**
   * Sends `data` at `offset`, split into blocks, waiting for room in the
   * window. Without `acknowledged` the blocks are copied into their packets
   * and `data` may be reused once this resolves; with it, `data` is sent
   * without a copy and must stay untouched until `acknowledged` is called
   * (after every block succeeded; never after a failure, when the stream may
   * still hold the bytes).
   */
  async write(offset: number, data: Uint8Array, acknowledged?: () => void): Promise<void> {
    const borrowed = acknowledged !== undefined;
    let unacknowledged = Math.ceil(data.byteLength / this.blockSize);
    for (let done = 0; done < data.byteLength;) {
      while (this.inFlight >= this.concurrency && !this.failure) await this.completion(true);
      if (this.failure) throw this.failure.error;
      const block = data.subarray(done, done + this.blockSize);
      this.inFlight++;
      this.client.write(this.handle, offset + done, block, borrowed).then(
        () => {
          this.acknowledged += block.byteLength;
          if (--unacknowledged === 0) acknowledged?.();
          this.completed();
        },
        (error: unknown) => {
          this.failure ??= { error };
          this.completed();
        },
      );
      done += block.byteLength;
    }
  }

  /** Waits for every write in flight; rethrows the first failure. */
  async flush(): Promise<void> {
    while (this.inFlight > 0) await this.completion(true);
    if (this.failure) throw this.failure.error;
  }

  /** Waits for every write in flight, ignoring failures (for cleanup paths). */
  async settle(): Promise<void> {
    while (this.inFlight > 0) await this.completion(false);
  }

  private completed(): void {
    this.inFlight--;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** The next completion (or, when `abortable`, the caller's abort). */
  private completion(abortable: boolean): Promise<void> {
    const next = new Promise<void>((resolve) => {
      const previous = this.wake;
      // Writers and flushers may wait at once (e.g. settle() after a
      // failed write()); every completion wakes all of them.
      this.wake = () => {
        previous?.();
        resolve();
      };
    });
    return abortable && this.signal !== undefined ? raceAbort(next, this.signal) : next;
  }
}
