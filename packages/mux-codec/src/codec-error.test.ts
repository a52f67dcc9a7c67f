import { expect, it } from 'vitest';
import { CodecError } from './codec-error.js';

it('carries kind, offset and a message that names the offset', () => {
  const error = new CodecError('truncated', 'uint32 needs 4 bytes', { offset: 12 });
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('CodecError');
  expect(error.kind).toBe('truncated');
  expect(error.offset).toBe(12);
  expect(error.reason).toBe('uint32 needs 4 bytes');
  expect(error.message).toBe('uint32 needs 4 bytes (at byte 12)');
  expect(error.decodedBeforeFailure).toEqual([]);
});

it('is recognised across copies of the package by its brand, not its class', () => {
  const foreign = Object.assign(new Error('x'), {
    [Symbol.for('openssh-ts.mux-codec.CodecError')]: true,
  });
  expect(CodecError.isInstance(foreign)).toBe(true);
  expect(CodecError.isInstance(new Error('x'))).toBe(false);
  expect(CodecError.isInstance(null)).toBe(false);
  expect(CodecError.isInstance('CodecError')).toBe(false);
});
