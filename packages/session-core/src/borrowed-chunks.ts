// An optional fast path between a transport and a consumer that parses
// what it reads (the SFTP client): chunks lent for the length of one call.
//
// A Node Readable gives every chunk away; a transport that reads a socket
// into memory of its own must then allocate fresh memory for every read, and
// at hundreds of MiB/s that garbage costs more CPU than the bytes themselves
// (measured on an SFTP download through the native transport: ~0.7 CPU s/GiB
// of garbage collection). A consumer that copies out what it keeps can take
// the chunks lent instead, and the transport reuses that memory.
import type { Readable } from 'node:stream';

/**
 * The method a Readable implements to lend its chunks; a Symbol.for key, so
 * that it matches across duplicate installs of this package.
 */
export const BORROW_CHUNKS: unique symbol = Symbol.for('openssh-ts.borrowChunks') as never;

/**
 * Receives a lent chunk. The bytes are valid only until it returns: the
 * transport reuses the memory for its next read, so a borrower copies
 * whatever it keeps (and never hands the chunk itself to anything
 * asynchronous).
 */
export type ChunkBorrower = (chunk: Uint8Array) => void;

/**
 * A Readable (a transport's stdout or stderr) that can lend its chunks.
 *
 * After `[BORROW_CHUNKS](borrower)` returns true, every chunk goes to
 * `borrower`, synchronously, instead of being buffered and emitted as
 * `'data'` (anything buffered before is handed over first, in order). The
 * stream still ends, fails and closes as usual, and it is put into flowing
 * mode so that `'end'` is emitted. Flow control is the borrower's: the
 * transport counts each chunk as consumed once `borrower` returned, so a
 * borrower bounds what it asks for (as an SFTP client bounds the requests
 * it has in flight). A stream that cannot lend (already ended, destroyed,
 * lending, or decoding to strings after `setEncoding`) returns false and
 * stays as it was.
 */
export interface ChunkLender {
  /** Starts lending to `borrower`; false when this stream cannot lend (it stays as it was). */
  [BORROW_CHUNKS](borrower: ChunkBorrower): boolean;
}

/**
 * Asks `stream` to lend its chunks to `borrower`; see {@link ChunkLender}.
 * Returns false, changing nothing, when the stream does not offer it (a
 * pipe from a local process, any plain Node stream): the caller then reads
 * it the usual way.
 */
export function borrowChunks(stream: Readable, borrower: ChunkBorrower): boolean {
  const lend = (stream as Partial<ChunkLender>)[BORROW_CHUNKS];
  return typeof lend === 'function' && lend.call(stream, borrower);
}
