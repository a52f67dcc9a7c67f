/**
 * fast-check arbitraries for shell arguments: every byte 0x01–0xFF, biased
 * toward what shells treat specially and toward bytes that trip decoders.
 */
import fc from 'fast-check';

const SHELL_METACHARACTERS = `'"\\$\`!~#&*?()[]{}|;<>=%^ \t\n\r,@:-.+/`;
const TRICKY_BYTES = [
  0x01,
  0x07,
  0x08,
  0x0b,
  0x0c,
  0x1b,
  0x7f, // controls, ESC, DEL
  0x80,
  0x83,
  0x9b,
  0xa0,
  0xff, // C1 (zsh's Meta is 0x83, CSI is 0x9b), NBSP, never-UTF-8
  0xc3,
  0xa9,
  0xe2,
  0x82,
  0xac,
  0xef,
  0x98,
  0x80, // pieces of é, €, U+F600 (fish's private range)
];

/** One byte, 1–255, metacharacters and tricky bytes more often than chance. */
export const argumentByte: fc.Arbitrary<number> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      ...[...SHELL_METACHARACTERS].map((character) => character.charCodeAt(0)),
    ),
    weight: 3,
  },
  { arbitrary: fc.constantFrom(...TRICKY_BYTES), weight: 2 },
  { arbitrary: fc.integer({ min: 0x01, max: 0xff }), weight: 3 },
);

/** An argument as raw bytes (no NUL), 0–64 bytes. */
export const argumentBytes: fc.Arbitrary<Uint8Array> = fc
  .array(argumentByte, { maxLength: 64 })
  .map((bytes) => Uint8Array.from(bytes));

/** An argument as a well-formed string (no NUL, any code point), biased the same way. */
export const argumentText: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof(
    { arbitrary: fc.constantFrom(...SHELL_METACHARACTERS), weight: 3 },
    {
      arbitrary: fc.constantFrom('é', '€', '\u{F601}', '\u{1F600}', '\u0083', '\u2028', '\uFEFF'),
      weight: 1,
    },
    {
      arbitrary: fc
        .string({ unit: 'binary', minLength: 1, maxLength: 1 })
        .filter((text) => text !== '\0'),
      weight: 3,
    },
  ),
  maxLength: 48,
});

/** `count` arguments per batch; the proofs run batches so one process decodes many. */
export function batchesOf<Value>(
  argument: fc.Arbitrary<Value>,
  count: number,
): fc.Arbitrary<Value[]> {
  return fc.array(argument, { minLength: count, maxLength: count });
}
