/**
 * The round trip of one proxy link to the server, as the shortest time any
 * channel request took to be answered. A reply has to cross the link both
 * ways, so no sample is shorter than the round trip; the shortest one is the
 * closest to it, which is why later, longer samples (a busy server, replies
 * queued behind a window of data) never raise it.
 */
export class RoundTripEstimate {
  private shortest: number | undefined;

  /** Milliseconds from a request sent to its reply. */
  sample(milliseconds: number): void {
    if (!(milliseconds >= 0)) return;
    if (this.shortest === undefined || milliseconds < this.shortest) this.shortest = milliseconds;
  }

  /** The estimate in milliseconds; undefined before the first reply. */
  get milliseconds(): number | undefined {
    return this.shortest;
  }
}
