import { describe, expect, it } from 'vitest';
import { QuoteError } from './quote-error.js';
import {
  assertArgument,
  binaryToBytes,
  bytesToBinary,
  checkBytes,
  checkText,
  textToBinary,
  utf8Length,
} from './argument-text.js';

function thrown(action: () => void): QuoteError {
  try {
    action();
  } catch (error) {
    if (error instanceof QuoteError) return error;
    throw error;
  }
  throw new Error('expected a QuoteError');
}

describe('checkText', () => {
  it('accepts well-formed text, surrogate pairs included', () => {
    expect(() => checkText('é€😀 plain', 3)).not.toThrow();
  });

  it('refuses NUL with the UTF-8 byte offset of the NUL', () => {
    expect(thrown(() => checkText('é€\0x', 4))).toMatchObject({
      kind: 'nul-byte',
      argumentIndex: 4,
      byteOffset: 5,
    });
  });

  it('refuses a lone high or low surrogate at its byte offset', () => {
    expect(thrown(() => checkText('ab\uD800c', 1))).toMatchObject({
      kind: 'lone-surrogate',
      byteOffset: 2,
    });
    expect(thrown(() => checkText('é\uDC00', 0))).toMatchObject({
      kind: 'lone-surrogate',
      byteOffset: 2,
    });
    expect(thrown(() => checkText('x\uDC00\uD800', 0))).toMatchObject({
      kind: 'lone-surrogate',
      byteOffset: 1,
    });
  });

  it('reports whichever problem comes first', () => {
    expect(thrown(() => checkText('\uD800\0', 0)).kind).toBe('lone-surrogate');
    expect(thrown(() => checkText('\0\uD800', 0)).kind).toBe('nul-byte');
  });
});

describe('checkBytes', () => {
  it('refuses NUL at its offset and accepts every other byte', () => {
    expect(thrown(() => checkBytes(Uint8Array.of(1, 2, 0, 3), 7))).toMatchObject({
      kind: 'nul-byte',
      argumentIndex: 7,
      byteOffset: 2,
    });
    expect(() =>
      checkBytes(
        Uint8Array.from({ length: 255 }, (_, index) => index + 1),
        0,
      ),
    ).not.toThrow();
  });
});

describe('assertArgument', () => {
  it('refuses anything but a string or Uint8Array', () => {
    for (const value of [undefined, null, 42, ['a'], new ArrayBuffer(1)]) {
      expect(thrown(() => assertArgument(value, 3))).toMatchObject({
        kind: 'invalid-argument',
        argumentIndex: 3,
      });
    }
  });
});

describe('binary strings', () => {
  it('round-trip every byte value, across chunk boundaries', () => {
    const bytes = Uint8Array.from({ length: 20_000 }, (_, index) => (index * 7) % 256);
    const binary = bytesToBinary(bytes);
    expect(binary.length).toBe(bytes.length);
    expect(binaryToBytes(binary)).toEqual(bytes);
  });

  it('hold the UTF-8 encoding of text', () => {
    expect(textToBinary('é€')).toBe('\xc3\xa9\xe2\x82\xac');
    expect(utf8Length('é€😀')).toBe(9);
  });
});
