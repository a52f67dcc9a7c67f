import type { Readable } from 'node:stream';

function hold(): void {}

/** An ssh process' piped stdout, kept whole until it is known where it goes. */
export interface HeldStdout {
  /**
   * Hands the stream over. Its new reader must attach in the same tick (a
   * `'data'` listener, `pipe()` or `resume()`); it then flows from its first
   * byte.
   */
  take(): Readable | null;
  /** Closes it unread: there will be no reader (the session never opened). */
  discard(): void;
}

/**
 * Holds `stream` (a spawned ssh's stdout) from the moment of spawn until
 * {@link HeldStdout.take}. Its reader only comes once ssh's stderr has said
 * how the session went, and a quick command's ssh may exit before that
 * stderr is read. Node then resumes every stdio stream of the exited child
 * (child_process `flushStdio`, so that its pipes can end), and a stdout with
 * no reader yet has its bytes read and dropped: the command's output is
 * lost, and its pipe closes as if the output had been empty. A `'readable'`
 * listener makes `resume()` do nothing; the bytes stay in the stream (and
 * in the pipe, with backpressure) until the reader takes it.
 */
export function holdStdout(stream: Readable | null): HeldStdout {
  stream?.on('readable', hold);
  return {
    take() {
      // With the 'readable' listener gone, a 'data' listener (or a resume)
      // makes the stream flow.
      stream?.off('readable', hold);
      return stream;
    },
    discard() {
      stream?.off('readable', hold);
      stream?.destroy();
    },
  };
}
