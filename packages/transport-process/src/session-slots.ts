// How many sessions this transport starts at once on one master. sshd
// refuses session channels beyond MaxSessions (10 by default) per
// connection; the Rust crate just fails then. Here the first refusal
// teaches the gate the server's limit — the most sessions we ever saw open
// together — and later starts queue for a free slot instead of piling
// refused ssh processes onto the machine. Refused starts retry.

/** A held slot. */
export interface SlotLease {
  /** The session behind this slot opened. */
  opened(): void;
  /** Gives the slot back (idempotent). */
  release(): void;
}

/** The concurrency gate for the sessions of one transport. */
export class SessionSlots {
  #limit = Number.POSITIVE_INFINITY;
  #inFlight = 0;
  #open = 0;
  #mostOpen = 0;
  readonly #waiting: (() => void)[] = [];

  /** Sessions currently open. */
  get openCount(): number {
    return this.#open;
  }

  /** The learned limit (Infinity until the server refused a session). */
  get limit(): number {
    return this.#limit;
  }

  /** Waits for a slot; rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<SlotLease> {
    if (this.#inFlight < this.#limit && this.#waiting.length === 0)
      return Promise.resolve(this.#lease());
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.#lease());
      };
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason as Error);
      };
      if (signal?.aborted === true) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(grant);
    });
  }

  /** The server refused a session: lower the limit to what it has shown it takes. */
  refused(): void {
    this.#limit = Math.max(1, this.#mostOpen);
  }

  #lease(): SlotLease {
    this.#inFlight += 1;
    let isOpen = false;
    let released = false;
    return {
      opened: () => {
        if (isOpen || released) return;
        isOpen = true;
        this.#open += 1;
        this.#mostOpen = Math.max(this.#mostOpen, this.#open);
      },
      release: () => {
        if (released) return;
        released = true;
        if (isOpen) this.#open -= 1;
        this.#inFlight -= 1;
        this.#wake();
      },
    };
  }

  #wake(): void {
    while (this.#inFlight < this.#limit) {
      const next = this.#waiting.shift();
      if (next === undefined) return;
      next();
    }
  }
}
