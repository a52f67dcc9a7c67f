// What an `ssh -v` mux client writes to stderr before the remote command
// starts: version and config lines, then either
//
//   debug1: mux_client_request_session: master session id: 2      (opened)
//   mux_client_request_session: session request failed: Session open refused by peer
//                                                                  (refused)
//
// (mux.c, mux_client_request_session). Everything up to the "opened" line is
// ssh's own and is cut from the remote stderr; what follows is the remote
// command's. The scanner keeps at most PREAMBLE_LIMIT bytes: more than that
// without a verdict means this is not the ssh we know, and the bytes are
// handed on as remote output rather than held.

/** Most bytes of preamble kept while waiting for the verdict. */
export const PREAMBLE_LIMIT = 64 * 1024;

const OPENED = /mux_client_request_session: master session id: \d+\r?\n/;
const REFUSED =
  /session request failed: Session open refused by peer|Master refused session request/;

/** The verdict on a preamble. */
export type PreambleVerdict =
  | { readonly state: 'pending' }
  /** The session is open; `rest` is the start of the remote stderr. */
  | { readonly state: 'opened'; readonly rest: Buffer }
  /** No verdict within the limit: everything so far is handed on. */
  | { readonly state: 'overflow'; readonly rest: Buffer };

/** Incremental scanner for the preamble; feed it stderr chunks. */
export class PreambleScanner {
  #buffer: Buffer = Buffer.alloc(0);

  /** ssh's own text seen so far, for error messages. */
  get text(): string {
    return this.#buffer.toString('utf8');
  }

  /** Whether ssh reported that the server refused the session (e.g. MaxSessions). */
  get refused(): boolean {
    return REFUSED.test(this.text);
  }

  /** Adds a chunk and says whether the verdict is in. */
  push(chunk: Buffer): PreambleVerdict {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const text = this.#buffer.toString('latin1');
    const match = OPENED.exec(text);
    if (match !== null) {
      const end = match.index + match[0].length;
      const rest = this.#buffer.subarray(end);
      this.#buffer = this.#buffer.subarray(0, end);
      return { state: 'opened', rest };
    }
    if (this.#buffer.length > PREAMBLE_LIMIT) {
      const rest = this.#buffer;
      this.#buffer = Buffer.alloc(0);
      return { state: 'overflow', rest };
    }
    return { state: 'pending' };
  }
}
