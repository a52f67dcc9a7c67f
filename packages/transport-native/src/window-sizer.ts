import type { ChannelSizes } from './channel-table.js';

/** The window of channels opened before any round trip is known, and the least ever used: 2 MiB, as sshd's own. */
export const MINIMUM_WINDOW = 2 * 1024 * 1024;

/** The most one channel is ever given: the memory an unread stream may hold. */
export const MAXIMUM_WINDOW = 16 * 1024 * 1024;

/**
 * The rate a window is sized for, in bytes per millisecond (128 MiB/s).
 * Measured at 50 ms through the link relay (2026-12-03, 64 MiB, load ~35):
 * SFTP get reached 15 MiB/s with 2 MiB, 37 with 8 MiB and fell back to 15
 * with 16 MiB, so a window much beyond the path's bandwidth-delay product
 * costs more than it gains; see BENCHMARKS.md.
 */
export const TARGET_BYTES_PER_MILLISECOND = (128 * 1024 * 1024) / 1000;

/**
 * Receive windows sized from the bandwidth-delay product. In proxy mode the
 * window the server sees on our channels is the one we announce, and on a
 * link one window per round trip is all a channel can carry: 2 MiB over
 * 50 ms is 40 MiB/s. Every confirmed channel open is a round trip through
 * the master to the server; the least seen so far times the target rate
 * sizes the channels opened from then on, between {@link MINIMUM_WINDOW} and
 * {@link MAXIMUM_WINDOW}. A channel keeps the window it was opened with, so
 * a slow consumer never makes one grow. On loopback nothing changes.
 */
export class WindowSizer implements ChannelSizes {
  #leastRoundTrip = Infinity;

  /** `fixedWindow`: a window the user chose, used as is. */
  constructor(
    readonly maximumPacket: number,
    private readonly fixedWindow: number | undefined,
  ) {}

  get windowSize(): number {
    if (this.fixedWindow !== undefined) return this.fixedWindow;
    return windowForRoundTrip(this.#leastRoundTrip);
  }

  /** A round trip to the server, in milliseconds (an open answered). */
  observeRoundTrip(milliseconds: number): void {
    if (Number.isFinite(milliseconds) && milliseconds >= 0) {
      this.#leastRoundTrip = Math.min(this.#leastRoundTrip, milliseconds);
    }
  }
}

/** The window for a round trip of `milliseconds` (Infinity: none seen yet). */
export function windowForRoundTrip(milliseconds: number): number {
  if (!Number.isFinite(milliseconds)) return MINIMUM_WINDOW;
  const product = Math.ceil(milliseconds * TARGET_BYTES_PER_MILLISECOND);
  // Whole 64 KiB units: what sshd's own windows are made of.
  const rounded = Math.ceil(product / 65536) * 65536;
  return Math.min(MAXIMUM_WINDOW, Math.max(MINIMUM_WINDOW, rounded));
}
