// A JavaScript string may hold a UTF-16 surrogate without its pair; UTF-8
// has no encoding for it, so TextEncoder, Buffer and process argv all turn
// it into U+FFFD silently — a different name or command than the caller
// wrote. Every string that leaves as bytes is checked for one first.

// With the `u` flag a proper pair is one code point, so only a lone
// surrogate matches the Surrogate category.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `text` holds a surrogate that is not half of a pair. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
