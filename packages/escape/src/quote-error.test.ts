import { describe, expect, it } from 'vitest';
import { QuoteError } from './quote-error.js';

describe('QuoteError', () => {
  it('carries kind, argument index and byte offset', () => {
    const error = new QuoteError('nul-byte', 'argument 2 holds a NUL byte at byte 5', {
      argumentIndex: 2,
      byteOffset: 5,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'QuoteError',
      kind: 'nul-byte',
      argumentIndex: 2,
      byteOffset: 5,
    });
  });

  it('is recognised by its Symbol.for brand, as from a duplicate install', () => {
    const foreign = { [Symbol.for('openssh-ts.QuoteError')]: true, kind: 'nul-byte' };
    expect(QuoteError.isInstance(foreign)).toBe(true);
    expect(
      QuoteError.isInstance(
        new QuoteError('lone-surrogate', 'x', { argumentIndex: 0, byteOffset: 0 }),
      ),
    ).toBe(true);
    for (const value of [new Error('x'), null, undefined, 'QuoteError', { kind: 'nul-byte' }]) {
      expect(QuoteError.isInstance(value)).toBe(false);
    }
  });
});
