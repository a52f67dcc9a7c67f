import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BORROW_CHUNKS, borrowChunks, type ChunkBorrower } from './borrowed-chunks.js';

describe('borrowChunks', () => {
  it('declines a plain Readable and leaves it untouched', () => {
    const stream = new PassThrough();
    expect(borrowChunks(stream, () => undefined)).toBe(false);
    expect(stream.readableFlowing).toBe(null);
  });

  it('hands the borrower to a stream that lends, and reports its answer', () => {
    const stream = new PassThrough();
    const borrowers: ChunkBorrower[] = [];
    Object.assign(stream, {
      [BORROW_CHUNKS]: (borrower: ChunkBorrower) => borrowers.push(borrower) === 1,
    });
    const borrower: ChunkBorrower = () => undefined;
    expect(borrowChunks(stream, borrower)).toBe(true);
    expect(borrowChunks(stream, borrower)).toBe(false);
    expect(borrowers).toEqual([borrower, borrower]);
  });

  it('uses the key every copy of the package shares', () => {
    expect(BORROW_CHUNKS).toBe(Symbol.for('openssh-ts.borrowChunks'));
  });
});
