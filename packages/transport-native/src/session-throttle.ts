/**
 * Keeps session-channel opens under what the server allows (sshd's
 * `MaxSessions`, default 10) while refusing as few as possible.
 *
 * Refusals are not free here: each refused open leaves a dead channel
 * behind in the OpenSSH master (it never frees a proxy client's refused
 * open), and a master with 16 Ki channels gives up. So the throttle starts
 * at OpenSSH's default of 10 sessions and grows like TCP's slow start: when
 * every slot is busy and opens wait, it sends a probe (1, then 2, 4, ...
 * opens beyond the limit); each one confirmed raises the limit. A refusal
 * sets the limit to the sessions still open and spaces out later probes
 * (twice as many releases each time, up to {@link PROBE_SPACING_MAX}).
 *
 * The server frees a slot a little after its CLOSE reaches us, so an open
 * sent in the same write as our CLOSE would be refused; opens that wait for
 * a release are sent on the next turn of the event loop. When nothing of
 * ours is open (someone else holds the slots), a timer retries with back-off.
 */
export class SessionThrottle {
  private limit = INITIAL_LIMIT;
  private active = 0;
  private readonly waiting: ((probe: boolean) => void)[] = [];
  private probeSize = 1;
  private probesInFlight = 0;
  private probeSpacing = 0;
  private releasesSinceProbe = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = RETRY_DELAY_MIN;
  private lastRelease = 0;
  private drainScheduled = false;
  private unlimited = false;

  /**
   * Calls `start` once a slot is free (at once when under the limit); `probe`
   * tells that the open goes beyond the limit, to be reported back as such.
   */
  acquire(start: (probe: boolean) => void): void {
    this.waiting.push(start);
    this.drain();
  }

  /** Takes a slot only if one is free now and nobody waits. */
  tryAcquire(): boolean {
    if (this.waiting.length > 0 || this.active >= this.limit || this.unlimited) return false;
    this.active += 1;
    return true;
  }

  /** A session open was confirmed; a confirmed probe raises the limit. */
  confirmed(probe: boolean): void {
    if (!probe) return;
    this.probesInFlight -= 1;
    this.limit += 1;
    if (this.probesInFlight === 0) {
      // Growing: probe again at once, with twice as many.
      this.probeSize = Math.min(this.probeSize * 2, PROBE_SIZE_MAX);
      this.probeSpacing = 0;
      this.drain();
    }
  }

  /** A session ended (or its open failed for good): its slot is free. */
  release(): void {
    this.active -= 1;
    this.lastRelease = Date.now();
    this.releasesSinceProbe += 1;
    this.scheduleDrain();
  }

  /** The server refused an open for lack of sessions; `retry` runs when a slot may be free. */
  refused(probe: boolean, retry: (probe: boolean) => void): void {
    this.active -= 1;
    if (probe) this.probesInFlight -= 1;
    this.limit = Math.max(1, this.active);
    this.probeSize = 1;
    this.probeSpacing = Math.min(
      Math.max(PROBE_SPACING_MIN, this.probeSpacing * 2),
      PROBE_SPACING_MAX,
    );
    this.releasesSinceProbe = 0;
    this.waiting.unshift(retry);
    if (this.active === 0) this.scheduleRetry();
  }

  /** Whether a session of ours ended recently, so a refusal may be the server catching up. */
  get recentlyReleased(): boolean {
    return Date.now() - this.lastRelease < RECENT_RELEASE;
  }

  /** Stops throttling (the link is going away): runs everything waiting, so each can settle its caller. */
  flush(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.unlimited = true;
    this.drain();
  }

  /** Number of opens waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      if (this.active >= this.limit && !this.unlimited) {
        const probing = this.probesInFlight === 0 && this.releasesSinceProbe >= this.probeSpacing;
        if (!probing) break;
        this.probesInFlight = Math.min(this.probeSize, this.waiting.length);
        this.releasesSinceProbe = 0;
        for (let index = 0; index < this.probesInFlight; index += 1) this.startNext(true);
        continue;
      }
      this.startNext(false);
    }
    if (this.waiting.length === 0) this.retryDelay = RETRY_DELAY_MIN;
  }

  private startNext(probe: boolean): void {
    const start = this.waiting.shift();
    if (!start) return;
    this.active += 1;
    start(probe);
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.waiting.length === 0 || this.active > 0) return;
      this.startNext(false);
      this.retryDelay = Math.min(this.retryDelay * 2, RETRY_DELAY_MAX);
    }, this.retryDelay);
    this.retryTimer.unref();
  }
}

/** OpenSSH's default `MaxSessions`. */
const INITIAL_LIMIT = 10;
const PROBE_SIZE_MAX = 64;
const PROBE_SPACING_MIN = 16;
const PROBE_SPACING_MAX = 4096;
const RETRY_DELAY_MIN = 5;
const RETRY_DELAY_MAX = 500;
const RECENT_RELEASE = 250;
