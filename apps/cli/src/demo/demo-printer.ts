// How the demo talks: a numbered caption per step, indented results, a
// check mark or a cross. Plain text when colors are off, so the output reads
// the same in a log file.
import pc from 'picocolors';

/** Prints the demo's captions and results. */
export class DemoPrinter {
  readonly #write: (text: string) => void;
  readonly #paint: ReturnType<typeof pc.createColors>;
  #step = 0;
  #failures = 0;

  constructor(write: (text: string) => void, color: boolean) {
    this.#write = write;
    this.#paint = pc.createColors(color);
  }

  /** Steps that reported a failure so far. */
  get failures(): number {
    return this.#failures;
  }

  /** A numbered step caption. */
  caption(text: string): void {
    this.#step += 1;
    this.#write(`\n${this.#paint.bold(`${this.#step}. ${text}`)}\n`);
  }

  /** An indented informational line. */
  info(text: string): void {
    this.#write(`   ${text}\n`);
  }

  /** A dimmed line: what is being sent, or raw output. */
  detail(text: string): void {
    this.#write(`   ${this.#paint.dim(text)}\n`);
  }

  /** A result that came out as expected. */
  ok(text: string): void {
    this.#write(`   ${this.#paint.green('✓')} ${text}\n`);
  }

  /** A result that did not; the demo ends non-zero. */
  fail(text: string): void {
    this.#failures += 1;
    this.#write(`   ${this.#paint.red('✗')} ${text}\n`);
  }

  /** A line outside any step. */
  plain(text: string): void {
    this.#write(`${text}\n`);
  }
}
