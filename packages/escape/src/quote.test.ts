import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { QuoteError } from './quote-error.js';
import { quote } from './quote.js';
import { SHELL_FAMILIES, type ShellFamily } from './shell-family.js';

const encoder = new TextEncoder();

describe('quote', () => {
  it('returns a string for a string and bytes for bytes', () => {
    expectTypeOf(quote('a')).toEqualTypeOf<string>();
    expectTypeOf(quote(Uint8Array.of(0x61))).toEqualTypeOf<Uint8Array>();
    expect(quote('a b')).toBe("'a b'");
    expect(quote(Uint8Array.of(0x61, 0x20, 0xff))).toEqual(
      Uint8Array.of(0x27, 0x61, 0x20, 0xff, 0x27),
    );
  });

  it('keeps non-ASCII text as text, to be sent as UTF-8', () => {
    expect(quote('naïve café')).toBe("'naïve café'");
    expect(quote('é', { shell: 'fish' })).toBe("'é'");
  });

  it('writes the UTF-8 bytes of text in the ASCII form', () => {
    expect(quote('é', { ascii: true })).toBe(`"$(printf '\\303\\251')"`);
    expect(quote('é', { ascii: true, shell: 'fish' })).toBe('\\xc3\\xa9');
    expect(quote(Uint8Array.of(0xe9), { ascii: true })).toEqual(
      new TextEncoder().encode(`"$(printf '\\351')"`),
    );
  });

  it('never drops or rewrites a byte', () => {
    expect(quote('-rf')).toBe('-rf');
    expect(quote('~')).toBe("'~'");
    expect(quote('!')).toBe("'!'");
    expect(quote('\r\x1b\x7f')).toBe("'\r\x1b\x7f'");
  });

  it('refuses NUL, lone surrogates, unknown shells and non-arguments with argument index 0', () => {
    const cases: [() => unknown, string][] = [
      [() => quote('a\0b'), 'nul-byte'],
      [() => quote(Uint8Array.of(0x61, 0)), 'nul-byte'],
      [() => quote('\uD83D'), 'lone-surrogate'],
      [() => quote('a\n', { ascii: true }), 'ascii-trailing-newline'],
      [() => quote('a', { shell: 'powershell' as ShellFamily }), 'invalid-shell'],
      [() => quote(42 as unknown as string), 'invalid-argument'],
    ];
    for (const [action, kind] of cases) {
      expect(action).toThrow(QuoteError);
      try {
        action();
      } catch (error) {
        expect(error).toMatchObject({ kind, argumentIndex: 0 });
      }
    }
  });

  it('lets fish keep a trailing newline in the ASCII form', () => {
    expect(quote('a\n', { ascii: true, shell: 'fish' })).toBe("'a'\\x0a");
  });
});

describe('quote, string and bytes paths', () => {
  const wellFormedText = fc.string({ unit: 'binary' }).filter((text) => !text.includes('\0'));

  it('gives a string the same bytes as its UTF-8 encoding, in every family and form', () => {
    fc.assert(
      fc.property(
        wellFormedText,
        fc.constantFrom(...SHELL_FAMILIES),
        fc.boolean(),
        (text, shell, ascii) => {
          if (ascii && shell === 'posix' && text.endsWith('\n')) return;
          const fromText = encoder.encode(quote(text, { shell, ascii }));
          expect(quote(encoder.encode(text), { shell, ascii })).toEqual(fromText);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('never emits NUL, and only printable ASCII with ascii: true', () => {
    const bytes = fc.uint8Array({ maxLength: 64 }).map((array) => array.map((byte) => byte || 1));
    fc.assert(
      fc.property(bytes, fc.constantFrom(...SHELL_FAMILIES), (arg, shell) => {
        expect(quote(arg, { shell }).includes(0)).toBe(false);
        if (shell === 'posix' && arg.at(-1) === 0x0a) return;
        expect(
          quote(arg, { shell, ascii: true }).every((byte) => byte >= 0x20 && byte <= 0x7e),
        ).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
