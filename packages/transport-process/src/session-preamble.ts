// What an `ssh -v` mux client writes to stderr before the remote command
// starts: version and config lines, then either
//
//   debug1: mux_client_request_session: master session id: 2      (opened)
//   mux_client_request_session: session request failed: Session open refused by peer
//                                                                  (refused)
//
// (mux.c, mux_client_request_session). What follows the "opened" line is the
// remote command's stderr. Before it, the bytes are ssh's own lines — except
// on a loaded machine, where the master may already have written remote
// stderr into the same pipe before the mux client got to print its line.
// ssh writes each log line with one write(), so its lines arrive whole and
// can be cut out by their shape (`debug1: …` / the version banner), leaving
// any early remote bytes in order. The scanner keeps at most PREAMBLE_LIMIT bytes: more than that
// without a verdict means this is not the ssh we know, and the bytes are
// handed on as remote output rather than held.

/** Most bytes of preamble kept while waiting for the verdict. */
export const PREAMBLE_LIMIT = 64 * 1024;

const OPENED = /debug1: mux_client_request_session: master session id: \d+\r?\n/;
const SSH_LINE = /(?:debug\d: |OpenSSH_)[^\n]*\n/g;
/** ssh's words for a session the server (or the master) refused to open. */
export const REFUSED_SESSION =
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
    return REFUSED_SESSION.test(this.text);
  }

  /** Adds a chunk and says whether the verdict is in. */
  push(chunk: Buffer): PreambleVerdict {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const text = this.#buffer.toString('latin1');
    const match = OPENED.exec(text);
    if (match !== null) {
      const end = match.index + match[0].length;
      const early = Buffer.from(text.slice(0, match.index).replace(SSH_LINE, ''), 'latin1');
      const after = this.#buffer.subarray(end);
      this.#buffer = this.#buffer.subarray(0, end);
      return { state: 'opened', rest: early.length === 0 ? after : Buffer.concat([early, after]) };
    }
    if (this.#buffer.length > PREAMBLE_LIMIT) {
      const rest = this.#buffer;
      this.#buffer = Buffer.alloc(0);
      return { state: 'overflow', rest };
    }
    return { state: 'pending' };
  }
}
