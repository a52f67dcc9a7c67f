import type { ProtocolClient } from './protocol-client.js';
import { SftpError } from './sftp-error.js';
import type { StripeCursor } from './stripe-cursor.js';

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

/** Bytes read at an offset; `data` null is end of file there. */
export interface ReadBlock {
  readonly offset: number;
  readonly data: Uint8Array | null;
}

/** Where the READs of {@link readBlocks} go: a range read in order, or pieces claimed from a cursor. */
type BlockSource =
  | Pick<ReadPipelineOptions, 'start' | 'end' | 'sizeHint' | 'blockSize'>
  | { readonly cursor: StripeCursor };

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
  for await (const block of readBlocks(client, handle, options, options)) {
    if (block.data === null) return;
    yield block.data;
  }
}

/**
 * The engine of {@link readPipeline}, also for one of several channels
 * sharing a file: with a `cursor`, each READ takes the next piece any
 * channel has not claimed, and each block says its offset. EOF is yielded
 * (data null) and ends the blocks of this channel: every piece it still has
 * in flight lies beyond it.
 */
export async function* readBlocks(
  client: ProtocolClient,
  handle: Uint8Array,
  source: BlockSource,
  options: Pick<ReadPipelineOptions, 'concurrency' | 'signal'>,
): AsyncGenerator<ReadBlock, void, undefined> {
  const { concurrency, signal } = options;
  const queue: Slot[] = [];
  const issue = (offset: number, length: number): Slot => {
    const reply = client.read(handle, offset, length);
    // Slots may be abandoned after EOF or an abort; their outcome is moot.
    reply.catch(() => undefined);
    return { offset, length, reply };
  };
  // Requests go out in groups (one write, one server wake-up for several)
  // once this many slots are free; the window stays nearly full.
  const refillAt = Math.max(1, Math.min(REFILL_BATCH, Math.floor(concurrency / 4)));
  const issueMore =
    'cursor' in source
      ? claimingIssuer(source.cursor, queue, concurrency, issue)
      : rangeIssuer(source, queue, concurrency, issue);
  const fill = (): void => {
    if (queue.length > 0 && concurrency - queue.length < refillAt) return;
    client.engine.corked(issueMore);
  };
  fill();
  while (queue.length > 0) {
    if (signal?.aborted) throw abortError(signal);
    const head = queue[0]!;
    const data = signal === undefined ? await head.reply : await raceAbort(head.reply, signal);
    if (data === null) {
      yield { offset: head.offset, data };
      return;
    }
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
    yield { offset: head.offset, data };
  }
}

function rangeIssuer(
  source: Pick<ReadPipelineOptions, 'start' | 'end' | 'sizeHint' | 'blockSize'>,
  queue: Slot[],
  concurrency: number,
  issue: (offset: number, length: number) => Slot,
): () => void {
  const { blockSize, end, sizeHint } = source;
  let nextOffset = source.start;
  return () => {
    while (queue.length < concurrency && (end === undefined || nextOffset < end)) {
      // Past the expected size, probe with one request at a time.
      if (sizeHint !== undefined && nextOffset >= sizeHint && queue.length > 0) break;
      const length = end === undefined ? blockSize : Math.min(blockSize, end - nextOffset);
      queue.push(issue(nextOffset, length));
      nextOffset += length;
    }
  };
}

function claimingIssuer(
  cursor: StripeCursor,
  queue: Slot[],
  concurrency: number,
  issue: (offset: number, length: number) => Slot,
): () => void {
  return () => {
    while (queue.length < concurrency) {
      const stripe = cursor.next();
      if (stripe === undefined) return;
      queue.push(issue(stripe.offset, stripe.length));
    }
  };
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
