import type { Readable } from 'node:stream';

/** Chunks read so far from a stream, kept so a failure can report partial output. */
export class StreamCollector {
  readonly #chunks: Buffer[] = [];
  readonly done: Promise<void>;

  constructor(stream: Readable | null) {
    if (stream === null) {
      this.done = Promise.resolve();
      return;
    }
    this.done = new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer | string) => {
        this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      });
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', reject);
    });
    // Errors surface through wait(); never as an unhandled rejection here.
    this.done.catch(() => undefined);
  }

  /** Everything collected so far, as one buffer. */
  bytes(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}
