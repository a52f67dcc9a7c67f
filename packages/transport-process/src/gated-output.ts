import { Readable } from 'node:stream';
import { failOutput } from '@openssh-ts/session-core';

/**
 * A piped stdout or stderr of an `ssh` mux client whose end waits for the
 * verdict on the command. The pipe from ssh ends the same way whether the
 * remote side sent EOF or the connection was lost (ssh exits and its pipe
 * closes, often before Node sees the exit), so passing its end on at once
 * would make a cut-off output look complete. Data flows through as it
 * comes, with the source's backpressure; only the end is held until
 * `verdict` says whether the output was cut off (then the stream fails
 * with that error: the connection's loss, or the caller's own stop) or not
 * (then it ends).
 */
export class GatedOutput extends Readable {
  readonly #source: Readable;

  constructor(source: Readable, verdict: () => Promise<Error | undefined>) {
    super({ highWaterMark: source.readableHighWaterMark });
    this.#source = source;
    source.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) source.pause();
    });
    // A failing pipe (EPIPE, EBADF) is the connection's verdict to give, not an error of its own.
    source.on('error', () => undefined);
    const settle = (): void => {
      void verdict().then((lost) => {
        if (lost === undefined) this.push(null);
        else failOutput(this, lost);
      });
    };
    // A source may have closed before we came: an empty stdout of an ssh
    // that exited (its connection lost) before the session was seen to
    // open. Its 'close' has been and gone; the verdict is due now.
    if (source.closed) settle();
    else source.once('close', settle);
  }

  override _read(): void {
    this.#source.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#source.destroy();
    callback(error);
  }
}
