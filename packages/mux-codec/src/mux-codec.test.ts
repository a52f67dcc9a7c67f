import { describe, expect, it } from 'vitest';
import { muxFixtures } from './__fixtures__/mux-fixtures.js';
import { decodeMuxMessage } from './mux-decode.js';
import { encodeMuxMessage } from './mux-encode.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

describe('mux messages', () => {
  for (const fixture of muxFixtures) {
    it(`encodes, decodes and mirrors: ${fixture.name}`, () => {
      const encoded = encodeMuxMessage(fixture.message);
      expect(hex(encoded)).toBe(fixture.hex);
      const decoded = decodeMuxMessage(unhex(fixture.hex).subarray(4));
      expect(decoded).toEqual(fixture.message);
      expect(hex(encodeMuxMessage(decoded))).toBe(fixture.hex);
    });
  }
});
