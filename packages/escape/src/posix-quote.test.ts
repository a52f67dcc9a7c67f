import { describe, expect, it } from 'vitest';
import { QuoteError } from './quote-error.js';
import { printfFormat, quotePosixAscii, quotePosixText } from './posix-quote.js';

describe('quotePosixText', () => {
  it('leaves safe words bare and single-quotes everything else', () => {
    expect(quotePosixText('-rf')).toBe('-rf');
    expect(quotePosixText('')).toBe("''");
    expect(quotePosixText('a b')).toBe("'a b'");
    expect(quotePosixText('$HOME `id` !! ~ \\ \n')).toBe("'$HOME `id` !! ~ \\ \n'");
  });

  it("writes a quote as '\\''", () => {
    expect(quotePosixText("it's")).toBe("'it'\\''s'");
    expect(quotePosixText("'")).toBe("''\\'''");
  });
});

describe('printfFormat', () => {
  it('doubles %, escapes \\, quote, a leading - and non-printable bytes in octal', () => {
    expect(printfFormat("-a%b\\c'd-\x01\n\xff")).toBe('\\055a%%b\\134c\\047d-\\001\\012\\377');
  });
});

describe('quotePosixAscii', () => {
  it('single-quotes printable words and prints the rest with one printf', () => {
    expect(quotePosixAscii('a b', 0)).toBe("'a b'");
    expect(quotePosixAscii('ok', 0)).toBe('ok');
    expect(quotePosixAscii('a\nb', 0)).toBe(`"$(printf 'a\\012b')"`);
    expect(quotePosixAscii('\xff', 0)).toBe(`"$(printf '\\377')"`);
  });

  it('refuses a trailing newline, naming where the newlines start', () => {
    try {
      quotePosixAscii('ab\n\n', 3);
      expect.fail('expected a QuoteError');
    } catch (error) {
      expect(error).toBeInstanceOf(QuoteError);
      expect(error).toMatchObject({
        kind: 'ascii-trailing-newline',
        argumentIndex: 3,
        byteOffset: 2,
      });
    }
  });
});
