/**
 * How large a channel's receive window should be. It starts at the
 * configured size and doubles, up to `maximum`, each time the peer used the
 * whole window up while the consumer kept up: then the window, not the
 * reader, is what limits the rate (one window per round trip), so a larger
 * one is the bandwidth-delay product the link needs. It never shrinks and
 * never grows for a slow reader, so the bytes buffered for a channel stay
 * under the current window, hence under `maximum`.
 *
 * Through a mux proxy connection this is the window sshd itself sees on
 * a download: the master forwards our WINDOW_ADJUST unchanged
 * (channels.c channel_proxy_upstream) and keeps no window of its own.
 */
export class WindowSizer {
  private current: number;
  private exhausted = false;

  constructor(
    initial: number,
    readonly maximum: number,
  ) {
    this.current = initial;
  }

  /** The window the peer is currently allowed. */
  get size(): number {
    return this.current;
  }

  /** The peer has less than a packet of window left: it is stalled until the next grant. */
  usedUp(): void {
    this.exhausted = true;
  }

  /**
   * Window is about to be granted back; `buffered` bytes still wait for the
   * consumer. Returns how many bytes to add on top of the consumed ones.
   */
  growth(buffered: number): number {
    const wasExhausted = this.exhausted;
    this.exhausted = false;
    // A reader still holding a quarter of the window is the limit, not the window.
    if (!wasExhausted || buffered > this.current / 4 || this.current >= this.maximum) return 0;
    const next = Math.min(this.maximum, this.current * 2);
    const added = next - this.current;
    this.current = next;
    return added;
  }
}
