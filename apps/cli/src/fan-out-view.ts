// What `ossh run` shows while hosts run. On a terminal: a log-update region
// on stderr, redrawn ten times a second, with finished hosts' output printed
// above it. Elsewhere: one plain line per finished host. --json output goes
// to stdout either way, one object per line.
import { createLogUpdate } from 'log-update';
import { FanOutStatus, finishedLine } from './fan-out-status.js';
import { hostResultJson, type HostResult } from './host-result.js';
import type { Terminal } from './terminal.js';

const REDRAW_MS = 100;

/** How the view prints results. */
export interface FanOutViewOptions {
  readonly json: boolean;
  /** Print each host's output (prefixed with the host) when it finishes. */
  readonly inline: boolean;
}

function prefixed(host: string, text: string): string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => `${host}: ${line}\n`).join('');
}

/** The live status of one fan-out. Call `close()` when done. */
export class FanOutView {
  readonly status: FanOutStatus;
  readonly #terminal: Terminal;
  readonly #options: FanOutViewOptions;
  readonly #live: ReturnType<typeof createLogUpdate> | undefined;
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(hosts: readonly string[], terminal: Terminal, options: FanOutViewOptions) {
    this.status = new FanOutStatus(hosts);
    this.#terminal = terminal;
    this.#options = options;
    if (terminal.interactive) {
      this.#live = createLogUpdate(terminal.stderr);
      this.#timer = setInterval(() => this.#redraw(), REDRAW_MS);
      this.#timer.unref();
    }
  }

  #redraw(): void {
    const rows = this.#terminal.stderr.rows ?? 24;
    this.#live?.(
      this.status.renderFrame(
        Date.now(),
        Math.max(1, Math.min(20, rows - 4)),
        this.#terminal.color,
      ),
    );
  }

  /** Writes above the live region (or plainly), keeping the region intact. */
  #print(stream: NodeJS.WriteStream, text: string): void {
    if (text === '') return;
    this.#live?.clear();
    stream.write(text);
    if (this.#live !== undefined) this.#redraw();
  }

  /** A diagnostic line (e.g. --verbose ssh logs) to stderr. */
  line(text: string): void {
    this.#print(this.#terminal.stderr, `${text}\n`);
  }

  /**
   * A host lost its connection (or could not connect) and will be connected
   * again: the live status says so, and a line says why.
   */
  reconnecting(index: number, attempt: number, attempts: number, why: string): void {
    this.status.reconnecting(index, attempt, attempts);
    const host = this.status.hostLabel(index);
    this.line(`ossh: ${host}: ${why}; reconnecting (attempt ${attempt} of ${attempts})`);
  }

  /** Records a finished host and prints what the mode asks for. */
  finished(index: number, result: HostResult): void {
    this.status.finished(index, result);
    if (this.#options.inline) {
      this.#print(this.#terminal.stdout, prefixed(result.host, result.stdout));
      this.#print(this.#terminal.stderr, prefixed(result.host, result.stderr));
    }
    if (this.#options.json) this.#print(this.#terminal.stdout, `${hostResultJson(result)}\n`);
    if (this.#live === undefined) this.#terminal.line(finishedLine(result));
    else this.#redraw();
  }

  /** Stops redrawing and removes the live region. */
  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#live?.clear();
    this.#live?.done();
  }
}
