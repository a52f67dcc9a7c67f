/**
 * A window that arrived within this many round trips was the limit: grow.
 * Just over one, since data that takes longer is queueing on the way.
 */
const GROWTH_ARRIVAL = 1.25;

/**
 * Each growth step multiplies the window by this once the window has been
 * seen not to be the limit; small steps overshoot the link by less.
 */
const GROWTH_FACTOR = 1.25;

/**
 * Each growth step multiplies the window by this until then (a slow start,
 * as TCP's): from 2 MiB a 50 ms link's 8 MiB takes two windows instead of
 * six, which is most of a 256 MiB transfer's ramp.
 */
const SLOW_START_FACTOR = 2;

/** How far over the measured bandwidth-delay product a window may stay. */
const BDP_MARGIN = 1.1;

/** Each shrink step multiplies the window by this. */
const SHRINK_FACTOR = 0.75;

/**
 * A reply that waited this fraction of a round trip longer than the fastest
 * one waited in a queue (at least QUEUE_FLOOR_MS, against timer noise).
 */
const QUEUE_FRACTION = 0.25;
const QUEUE_FLOOR_MS = 3;

/** Milliseconds on a monotonic clock. */
export type Clock = () => number;

/**
 * How large a channel's receive window should be: as large as the link's
 * bandwidth-delay product needs, and no larger, between the configured size
 * and `maximum`.
 *
 * Growing: the receiver cannot see the sender's remaining window (grants in
 * flight count on our side), so it times how long a whole window takes to
 * arrive against the link's round trip. A sender held back by the window
 * delivers one window per round trip; a window arriving that fast means the
 * window sets the rate, so it grows. On loopback (a round trip well under a
 * millisecond) a window never arrives that fast, so nothing grows there.
 *
 * It grows fast (doubling) until the first sign that something else sets
 * the rate: a window that arrived slower than that, or a probe that saw a
 * queue; from then on it grows by a quarter.
 *
 * Shrinking: a window past the bandwidth-delay product only builds a queue,
 * and the queue that matters sits in the master's buffer for the mux client.
 * OpenSSH 9.2 reads up to 256 KiB of the connection per poll pass (packet.c
 * PACKET_MAX_SIZE) but writes a mux client at most one socket buffer
 * (net.core.wmem_default, 208 KiB on Linux) per pass, and grows that buffer by
 * reallocating and copying it whole for each packet (sshbuf_allocate,
 * recallocarray): once bytes queue there, the master slows down and the queue
 * grows. Measured at 50 ms on this 2-core machine under load: a 16 MiB window
 * with no way back stalled one download at 0.2 MiB/s for tens of seconds, the
 * master at full CPU in memmove; with the master's socket buffer raised to
 * 1 MiB the same runs never stalled. So the channel sends a probe request
 * about once a round trip while data flows (see Channel), and a reply that
 * came back later than the fastest one by more than a quarter round trip
 * waited behind queued data: the window does not grow until a reply is fast
 * again, and two such replies in a row shrink it, never below the initial
 * size. One slow reply alone does not shrink it: this process's own event
 * loop, busy with the data it reads, delays a reply as much as a queue
 * does (seen at 50 ms: single slow replies took a first download's window
 * from 5 MiB back to 2.3 MiB, at 96 MiB/s against 123-128 for the next ones).
 *
 * It never grows for a slow reader, so the bytes buffered for a channel stay
 * under the current window, hence under `maximum`.
 *
 * Through a mux proxy connection this is the window sshd itself sees on
 * a download: the master forwards our WINDOW_ADJUST unchanged
 * (channels.c channel_proxy_upstream) and keeps no window of its own.
 */
export class WindowSizer {
  private current: number;
  /** The size the window should change to at the next grant. */
  private target: number;
  /** When the first packet of the window being timed arrived; undefined between windows. */
  private windowStartedAt: number | undefined;
  private bytesThisWindow = 0;
  /** The last probe reply was slow: no growth until one is fast again. */
  private queueing = false;
  /** Doubling, until the first sign that the window is not what limits the rate. */
  private slowStart = true;

  constructor(
    readonly initial: number,
    readonly maximum: number,
    private readonly clock: Clock = () => performance.now(),
  ) {
    this.current = initial;
    this.target = initial;
  }

  /** The window the peer is currently allowed. */
  get size(): number {
    return this.current;
  }

  /** Whether the window may change at all (the maximum is above the initial size). */
  get adjustable(): boolean {
    return this.maximum > this.initial;
  }

  /**
   * `length` bytes of data arrived; `roundTrip` is the link's round trip in
   * milliseconds, if known yet.
   */
  received(length: number, roundTrip: number | undefined): void {
    if (!this.adjustable) return;
    const now = this.clock();
    this.windowStartedAt ??= now;
    this.bytesThisWindow += length;
    if (this.bytesThisWindow < this.current) return;
    const took = now - this.windowStartedAt;
    this.restartTiming();
    if (roundTrip === undefined) return;
    if (took < GROWTH_ARRIVAL * roundTrip) {
      const factor = this.slowStart ? SLOW_START_FACTOR : GROWTH_FACTOR;
      if (!this.queueing) this.target = Math.min(this.maximum, Math.ceil(this.current * factor));
      return;
    }
    this.slowStart = false;
    // Not window-limited: a window of the bandwidth-delay product this
    // window measured (and a little over) keeps the rate without a queue.
    const needed = Math.ceil(BDP_MARGIN * (this.current / took) * roundTrip);
    this.target = Math.max(this.initial, Math.min(this.current, needed));
  }

  /**
   * A probe's reply took `replyTime` milliseconds where the fastest reply
   * ever took `roundTrip`.
   */
  probed(replyTime: number, roundTrip: number): void {
    const slow = replyTime - roundTrip > Math.max(QUEUE_FLOOR_MS, QUEUE_FRACTION * roundTrip);
    if (slow) {
      this.slowStart = false;
      // Growth ordered before this reply came must not go out either.
      this.target = Math.min(this.target, this.current);
    }
    if (slow && this.queueing)
      this.target = Math.max(this.initial, Math.floor(this.current * SHRINK_FACTOR));
    this.queueing = slow;
  }

  /**
   * Window is about to be granted back: `consumed` bytes were taken by the
   * consumer and `buffered` bytes still wait for it. Returns how many bytes
   * to grant: the consumed ones plus growth, or fewer to shrink (never below
   * zero); a change larger than one grant carries is spread over the next ones.
   */
  grant(consumed: number, buffered: number): number {
    let change = this.target - this.current;
    // A reader still holding a quarter of the window is the limit, not the window.
    if (change > 0 && buffered > this.current / 4) change = 0;
    // Growth rides on the grants, at most doubling each, as TCP's slow start
    // rides on acknowledgements: sshd sends what a grant allows at once, and
    // a large step would arrive at the master as one burst.
    change = Math.min(change, consumed);
    change = Math.max(change, -consumed);
    if (change !== 0) {
      this.current += change;
      // Timing restarts at the new size.
      this.restartTiming();
    }
    return consumed + change;
  }

  private restartTiming(): void {
    this.windowStartedAt = undefined;
    this.bytesThisWindow = 0;
  }
}
