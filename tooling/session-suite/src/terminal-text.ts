// What a program on a pseudo-terminal printed, for tests that must wait
// for a prompt before acting (resizing, typing) rather than sleep.
import { once } from 'node:events';
import type { Readable } from 'node:stream';

/**
 * Collects a pty child's stdout as text. The terminal turns each `\n` into
 * `\r\n` (onlcr); the carriage returns are dropped so expectations read
 * like plain output.
 */
export class TerminalText {
  /** Everything received so far. */
  text = '';
  readonly #stream: Readable;
  readonly #ended: Promise<boolean>;

  constructor(stream: Readable) {
    this.#stream = stream;
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.text += chunk.replaceAll('\r', '');
    });
    this.#ended = once(stream, 'end').then(() => true);
  }

  /** Resolves once `expected` has appeared; rejects if the output ends without it. */
  async seen(expected: string): Promise<void> {
    while (!this.text.includes(expected)) {
      const nextData = once(this.#stream, 'data').then(() => false);
      if ((await Promise.race([nextData, this.#ended])) && !this.text.includes(expected)) {
        throw new Error(`the output ended without ${JSON.stringify(expected)}: ${this.text}`);
      }
    }
  }

  /** The whole output, once the stream has ended. */
  async all(): Promise<string> {
    await this.#ended;
    return this.text;
  }
}
