import type { ProtocolClient } from './protocol-client.js';
import { SftpError } from './sftp-error.js';

/** How to read a range of an open remote file. */
export interface ReadPipelineOptions {
  /** First byte to read. */
  readonly start: number;
  /** Stop before this offset; undefined reads to end of file. */
  readonly end?: number;
  /** Bytes per READ request (≤ the server's max-read-length). */
  readonly blockSize: number;
  /** READ requests in flight at most. */
  readonly concurrency: number;
  /**
   * Expected file size, from fstat. Reads up to it are pipelined; past it
   * one request at a time probes for growth, so a small file does not cost
   * `concurrency` wasted requests.
   */
  readonly sizeHint?: number;
  readonly signal?: AbortSignal;
}

/** READ requests sent together at most when the window refills. */
const REFILL_BATCH = 4;

interface Slot {
  offset: number;
  length: number;
  reply: Promise<Uint8Array | null>;
}

/**
 * Reads a file range in order with up to `concurrency` READs in flight:
 * read-ahead, in-order delivery, backpressure from the consumer (a new
 * request is issued only when the oldest result is taken).
 *
 * Short reads are exact: when the server returns fewer bytes than asked, the
 * remainder is requested again at `offset + returned` (never at
 * `offset + requested`, which would leave a hole of stale bytes). EOF at the
 * head of the queue ends the range.
 */
export async function* readPipeline(
  client: ProtocolClient,
  handle: Uint8Array,
  options: ReadPipelineOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  const { blockSize, concurrency, end, sizeHint, signal } = options;
  const queue: Slot[] = [];
  let nextOffset = options.start;
  const issue = (offset: number, length: number): Slot => {
    const reply = client.read(handle, offset, length);
    // Slots may be abandoned after EOF or an abort; their outcome is moot.
    reply.catch(() => undefined);
    return { offset, length, reply };
  };
  // Requests go out in groups (one write, one server wake-up for several)
  // once this many slots are free; the window stays nearly full.
  const refillAt = Math.max(1, Math.min(REFILL_BATCH, Math.floor(concurrency / 4)));
  const issueMore = (): void => {
    while (queue.length < concurrency && (end === undefined || nextOffset < end)) {
      // Past the expected size, probe with one request at a time.
      if (sizeHint !== undefined && nextOffset >= sizeHint && queue.length > 0) break;
      const length = end === undefined ? blockSize : Math.min(blockSize, end - nextOffset);
      queue.push(issue(nextOffset, length));
      nextOffset += length;
    }
  };
  const fill = (): void => {
    if (queue.length > 0 && concurrency - queue.length < refillAt) return;
    client.engine.corked(issueMore);
  };
  fill();
  while (queue.length > 0) {
    if (signal?.aborted) throw abortError(signal);
    const head = queue[0]!;
    const data = signal === undefined ? await head.reply : await raceAbort(head.reply, signal);
    if (data === null) return;
    if (data.byteLength === 0) {
      throw new SftpError('protocol', `server returned an empty read at offset ${head.offset}`);
    }
    if (data.byteLength < head.length) {
      // Short read: ask again for exactly the bytes still missing.
      queue[0] = issue(head.offset + data.byteLength, head.length - data.byteLength);
    } else {
      queue.shift();
      fill();
    }
    yield data;
  }
}

/** The error an aborted transfer rejects with. */
export function abortError(signal: AbortSignal): SftpError {
  return new SftpError('aborted', 'the SFTP operation was aborted', { cause: signal.reason });
}

/**
 * Settles like `promise`, or rejects with an `aborted` error as soon as
 * `signal` fires, so an abort is prompt even while the server is silent.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() =>
    signal.removeEventListener('abort', onAbort),
  );
}
