import { describe, expect, it } from 'vitest';
import { asciiCommandLine } from './ascii-command-line.js';
import { quoteCommandBytes } from './quote-command.js';

describe('asciiCommandLine', () => {
  it('returns a printable ASCII line unchanged', () => {
    expect(asciiCommandLine("cd '/tmp' && 'ls' -la")).toBe("cd '/tmp' && 'ls' -la");
  });

  it('wraps any other line in eval of one printf', () => {
    const line = quoteCommandBytes('cat', [Uint8Array.of(0x66, 0xff)]);
    expect(asciiCommandLine(line)).toBe(`eval "$(printf '\\047cat\\047 \\047f\\377\\047')"`);
    expect(asciiCommandLine("echo 'a\nb'")).toBe(`eval "$(printf 'echo \\047a\\012b\\047')"`);
  });

  it('drops only trailing newlines, which printf output would lose anyway', () => {
    expect(asciiCommandLine('true\n\n')).toBe(`eval "$(printf 'true')"`);
  });

  it('uses fish escapes for fish', () => {
    expect(asciiCommandLine("echo 'é'\n", { shell: 'fish' })).toBe(
      "eval 'echo \\''\\xc3\\xa9'\\''\\x0a",
    );
  });

  it('refuses NUL', () => {
    expect(() => asciiCommandLine(Uint8Array.of(0x61, 0))).toThrow(
      expect.objectContaining({ kind: 'nul-byte' }),
    );
  });
});
