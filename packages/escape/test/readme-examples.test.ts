/** The README's examples, checked, so the documentation cannot drift. */
import { describe, expect, it } from 'vitest';
import {
  asciiCommandLine,
  quote,
  quoteCommand,
  quoteCommandBytes,
  QuoteError,
} from '@openssh-ts/escape';

const encoder = new TextEncoder();

describe('README examples', () => {
  it('quote and quoteCommand', () => {
    expect(quote('-rf')).toBe('-rf');
    expect(quote('dir with spaces')).toBe("'dir with spaces'");
    expect(quote("it's")).toBe("'it'\\''s'");
    expect(quote('$HOME `id` !')).toBe("'$HOME `id` !'");
    expect(quote('~')).toBe("'~'");
    expect(quote('')).toBe("''");
    expect(quoteCommand('ls', ['-la', 'my dir'])).toBe("'ls' -la 'my dir'");
    expect(quote("it's", { shell: 'fish' })).toBe("'it\\'s'");
  });

  it('bytes and printable ASCII', () => {
    const name = Uint8Array.of(0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9);
    expect(quoteCommandBytes('cat', [name])).toEqual(
      Uint8Array.from([...encoder.encode("'cat' 'r"), 0xe9, ...encoder.encode('sum'), 0xe9, 0x27]),
    );
    expect(asciiCommandLine(quoteCommandBytes('cat', [name]))).toBe(
      `eval "$(printf '\\047cat\\047 \\047r\\351sum\\351\\047')"`,
    );
  });

  it('the refusal', () => {
    let caught: unknown;
    try {
      quoteCommand('echo', ['ok', 'a\0b']);
    } catch (error) {
      caught = error;
    }
    expect(QuoteError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ kind: 'nul-byte', argumentIndex: 2, byteOffset: 1 });
  });
});
