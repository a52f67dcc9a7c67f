/**
 * Keeps session-channel opens within what the server allows (sshd's
 * MaxSessions, 10 by default) so that more commands than that wait their
 * turn instead of failing.
 *
 * The limit starts at OpenSSH's default. A refusal lowers it to the
 * sessions still open and puts the open back at the front of the queue,
 * to go when one of ours ends; an open that succeeds while others wait
 * raises it by one, so a server allowing more is found out. With nothing
 * of ours open (another client holds the slots) a refused open is retried
 * after a growing pause, a few times, then fails.
 */
export class SessionGate {
  #limit = 10;
  #open = 0;
  readonly #waiting: (() => void)[] = [];
  #closed = false;

  /**
   * Runs `open` once a slot is free; retries it while `isRefusal` says the
   * server refused for lack of sessions. The slot stays taken until
   * `release()`, which the caller calls once the session ended (not if
   * `open` failed).
   */
  async run<T>(open: () => Promise<T>, isRefusal: (error: unknown) => boolean): Promise<T> {
    let lonelyRefusals = 0;
    let front = false;
    for (;;) {
      await this.#slot(front);
      try {
        const result = await open();
        if (this.#waiting.length > 0 && this.#open >= this.#limit) this.#limit += 1;
        return result;
      } catch (error) {
        this.#open -= 1;
        if (this.#closed || !isRefusal(error)) {
          this.#pump();
          throw error;
        }
        this.#limit = Math.max(1, this.#open);
        front = true;
        if (this.#open === 0) {
          lonelyRefusals += 1;
          if (lonelyRefusals > LONELY_REFUSALS_ALLOWED) {
            this.#pump();
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, pause(lonelyRefusals)));
        }
      }
    }
  }

  /** A session ended: its slot goes to the next in line, on the next turn (the server frees it a little later). */
  release(): void {
    this.#open -= 1;
    setImmediate(() => this.#pump());
  }

  /** The connection is gone: let everything waiting run (and fail) now. */
  close(): void {
    this.#closed = true;
    this.#pump();
  }

  #slot(front: boolean): Promise<void> {
    if (this.#closed || (this.#open < this.#limit && (front || this.#waiting.length === 0))) {
      this.#open += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const start = (): void => {
        this.#open += 1;
        resolve();
      };
      if (front) this.#waiting.unshift(start);
      else this.#waiting.push(start);
    });
  }

  #pump(): void {
    while (this.#waiting.length > 0 && (this.#closed || this.#open < this.#limit)) {
      this.#waiting.shift()?.();
    }
  }
}

const LONELY_REFUSALS_ALLOWED = 8;

function pause(attempt: number): number {
  return Math.min(5 * 2 ** attempt, 500);
}
