/**
 * Keeps session-channel opens under what the server allows (sshd's
 * `MaxSessions`, default 10), learned from its refusals.
 *
 * A refused open (administratively prohibited / resource shortage) lowers
 * the limit to the sessions still open and waits for one of them to close
 * before retrying. The server frees a slot a little after its CLOSE reaches
 * us, so a retry may be refused again; a timer backs such retries off, and
 * it also covers the case where the slots are taken by someone else (other
 * clients of the same master) and nothing of ours will close.
 */
export class SessionThrottle {
  private limit = Number.POSITIVE_INFINITY;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = RETRY_DELAY_MIN;
  private releasesSinceRefusal = 0;
  private lastRelease = 0;
  private drainScheduled = false;

  /** Calls `start` once a slot is free (at once when under the limit). */
  acquire(start: () => void): void {
    if (this.waiting.length === 0 && this.active < this.limit) {
      this.active += 1;
      start();
    } else {
      this.waiting.push(start);
    }
  }

  /** A session ended (or its open failed for good): its slot is free. */
  release(): void {
    this.active -= 1;
    this.lastRelease = Date.now();
    this.releasesSinceRefusal += 1;
    // Probe upwards now and then, so a limit learned during a burst of
    // someone else's sessions does not stay low for ever.
    if (this.releasesSinceRefusal % PROBE_EVERY === 0) this.limit += 1;
    if (this.limit === Number.POSITIVE_INFINITY) {
      this.drain();
      return;
    }
    // sshd frees a session only when it garbage-collects the channel, after
    // the whole read that carried our CLOSE; an open in the same write would
    // be refused. Opening after this write has left avoids that race.
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        this.drain();
      });
    }
  }

  /** Whether a session of ours ended recently, so a refusal may be the server catching up. */
  get recentlyReleased(): boolean {
    return Date.now() - this.lastRelease < RECENT_RELEASE;
  }

  /** The server refused an open; `retry` runs when a slot may have come free. */
  refused(retry: () => void): void {
    this.active -= 1;
    this.limit = Math.max(1, this.active);
    this.releasesSinceRefusal = 0;
    this.waiting.unshift(retry);
    this.scheduleRetry();
  }

  /**
   * Stops throttling (the link is going away): runs everything waiting at
   * once, so each can see that and settle its caller.
   */
  flush(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.limit = Number.POSITIVE_INFINITY;
    this.drain();
  }

  /** Number of opens waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.active < this.limit) {
      const start = this.waiting.shift()!;
      this.active += 1;
      start();
    }
    if (this.waiting.length === 0) this.retryDelay = RETRY_DELAY_MIN;
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.waiting.length === 0) return;
      // Nothing closed in time: try one open beyond the learned limit.
      const start = this.waiting.shift()!;
      this.active += 1;
      start();
      this.retryDelay = Math.min(this.retryDelay * 2, RETRY_DELAY_MAX);
    }, this.retryDelay);
    this.retryTimer.unref();
  }
}

const RETRY_DELAY_MIN = 5;
const RETRY_DELAY_MAX = 500;
const PROBE_EVERY = 16;
const RECENT_RELEASE = 250;
