import { describe, expect, expectTypeOf, it } from 'vitest';
import { QuoteError } from './quote-error.js';
import { quoteCommand, quoteCommandBytes } from './quote-command.js';

const encoder = new TextEncoder();

function kindAndIndex(action: () => unknown): { kind: string; argumentIndex: number } {
  try {
    action();
  } catch (error) {
    if (QuoteError.isInstance(error))
      return { kind: error.kind, argumentIndex: error.argumentIndex };
    throw error;
  }
  throw new Error('expected a QuoteError');
}

describe('quoteCommand', () => {
  it('always quotes the program, so it is never a keyword or alias', () => {
    expect(quoteCommand('ls', ['-la', 'dir with spaces'])).toBe("'ls' -la 'dir with spaces'");
    expect(quoteCommand('if', [])).toBe("'if'");
    expect(quoteCommand('my prog', ["it's"])).toBe("'my prog' 'it'\\''s'");
    expect(quoteCommand('and', ['x'], { shell: 'fish' })).toBe("'and' x");
  });

  it('returns a string for strings and bytes as soon as one input is bytes', () => {
    expectTypeOf(quoteCommand('a', ['b'])).toEqualTypeOf<string>();
    const line = quoteCommand('cat', ['é', Uint8Array.of(0xff)]);
    expect(line).toEqual(Uint8Array.from([...encoder.encode("'cat' 'é' '"), 0xff, 0x27]));
    expect(quoteCommand(Uint8Array.of(0x6c, 0x73), [])).toEqual(encoder.encode("'ls'"));
  });

  it('quotes the program in the ASCII form too', () => {
    expect(quoteCommand('ls', ['é'], { ascii: true })).toBe(`'ls' "$(printf '\\303\\251')"`);
    expect(quoteCommand('\x01', [], { ascii: true, shell: 'fish' })).toBe('\\x01');
  });

  it('names the argument at fault: 0 for the program, i + 1 for args[i]', () => {
    expect(kindAndIndex(() => quoteCommand('a\0', []))).toEqual({
      kind: 'nul-byte',
      argumentIndex: 0,
    });
    expect(kindAndIndex(() => quoteCommand('a', ['ok', 'b\0']))).toEqual({
      kind: 'nul-byte',
      argumentIndex: 2,
    });
    expect(kindAndIndex(() => quoteCommand('a', ['\uDC00']))).toEqual({
      kind: 'lone-surrogate',
      argumentIndex: 1,
    });
    expect(kindAndIndex(() => quoteCommand('a', 'b' as unknown as string[]))).toEqual({
      kind: 'invalid-argument',
      argumentIndex: 1,
    });
  });
});

describe('quoteCommandBytes', () => {
  it('always returns the UTF-8 bytes of the line', () => {
    expect(quoteCommandBytes('echo', ['é'])).toEqual(encoder.encode("'echo' 'é'"));
    expect(quoteCommandBytes('echo', [Uint8Array.of(0x80)])).toEqual(
      Uint8Array.from([...encoder.encode("'echo' '"), 0x80, 0x27]),
    );
  });
});
