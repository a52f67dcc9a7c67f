import { describe, expect, expectTypeOf, it } from 'vitest';
import { QuoteError } from './quote-error.js';
import { quote } from './quote.js';
import type { ShellFamily } from './shell-family.js';

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
