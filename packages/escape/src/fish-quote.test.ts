import { describe, expect, it } from 'vitest';
import { quoteFishAscii, quoteFishText } from './fish-quote.js';

describe('quoteFishText', () => {
  it('leaves safe words bare and single-quotes the rest, escaping \\ and quote', () => {
    expect(quoteFishText('-rf')).toBe('-rf');
    expect(quoteFishText('')).toBe("''");
    expect(quoteFishText("it's a\\b $x\n")).toBe("'it\\'s a\\\\b $x\n'");
    expect(quoteFishText('%self')).toBe("'%self'");
  });
});

describe('quoteFishAscii', () => {
  it('writes non-printable bytes as \\xHH between quoted printable runs', () => {
    expect(quoteFishAscii('a b')).toBe("'a b'");
    expect(quoteFishAscii('a\n')).toBe("'a'\\x0a");
    expect(quoteFishAscii("\xff'\x01")).toBe("\\xff'\\''\\x01");
    expect(quoteFishAscii('')).toBe("''");
  });
});
