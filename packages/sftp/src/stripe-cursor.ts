/** One piece of a file that a channel claimed. */
export interface Stripe {
  readonly offset: number;
  readonly length: number;
}

/**
 * Hands out consecutive pieces of `[start, end)` to whichever channel asks
 * next, so channels that run faster (or join late) take more of the file and
 * every byte is claimed exactly once. `stopAt` shortens the range, e.g. when
 * one channel met the end of a file that shrank.
 */
export class StripeCursor {
  #next: number;
  #end: number;

  constructor(
    start: number,
    end: number,
    private readonly unit: number,
  ) {
    this.#next = start;
    this.#end = end;
  }

  /** The end of the range as it stands. */
  get end(): number {
    return this.#end;
  }

  /** Whether every piece has been handed out. */
  get done(): boolean {
    return this.#next >= this.#end;
  }

  /** The next piece, or undefined when none is left. */
  next(): Stripe | undefined {
    if (this.#next >= this.#end) return undefined;
    const offset = this.#next;
    const length = Math.min(this.unit, this.#end - offset);
    this.#next += length;
    return { offset, length };
  }

  /** Hands out nothing at or past `offset` from now on. */
  stopAt(offset: number): void {
    this.#end = Math.min(this.#end, offset);
  }
}
