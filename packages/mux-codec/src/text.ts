/**
 * Text fields: SSH strings are bytes; this package hands them out as UTF-8
 * decoded `string`s (invalid sequences become U+FFFD, so a hostile peer
 * cannot make decoding fail) and accepts either form when encoding.
 *
 * @module
 */

/** A text field for an encoder: a `string` (sent as UTF-8) or raw bytes. */
export type SshText = string | Uint8Array;

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes `bytes[start, end)`; short ASCII (the common case) skips TextDecoder. */
export function decodeText(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length === 0) return '';
  if (length <= 48) {
    let text = '';
    for (let index = start; index < end; index += 1) {
      const byte = bytes[index]!;
      if (byte >= 0x80) return decoder.decode(bytes.subarray(start, end));
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return decoder.decode(bytes.subarray(start, end));
}

/**
 * Widens every free-form `string` of a decoded message type to
 * {@link SshText}, which is what the encoders accept. Literal discriminants
 * (`type`, `kind`) stay as they are.
 */
export type Encodable<T> = T extends string
  ? string extends T
    ? SshText
    : T
  : T extends Uint8Array
    ? T
    : T extends readonly (infer Element)[]
      ? readonly Encodable<Element>[]
      : T extends object
        ? { readonly [Key in keyof T]: Encodable<T[Key]> }
        : T;
