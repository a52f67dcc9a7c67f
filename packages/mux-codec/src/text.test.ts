import { expect, it } from 'vitest';
import { decodeText } from './text.js';

const encoder = new TextEncoder();

it.each([
  ['empty', ''],
  ['short ASCII', 'exit-status'],
  ['long ASCII', 'x'.repeat(200)],
  ['short UTF-8', 'grüße'],
  ['long UTF-8', 'ü'.repeat(100)],
  ['astral', '𝄞 music'],
])('decodes %s text', (_name, value) => {
  const bytes = encoder.encode(`[${value}]`);
  expect(decodeText(bytes, 1, bytes.length - 1)).toBe(value);
});

it('turns invalid UTF-8 into U+FFFD instead of failing', () => {
  expect(decodeText(Uint8Array.of(0x61, 0xff, 0x62), 0, 3)).toBe('a\ufffdb');
});
