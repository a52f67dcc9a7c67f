import { SftpError } from './sftp-error.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A remote path: text (sent as UTF-8) or raw bytes, for names that are not
 * valid UTF-8. SFTP paths are byte strings; the server passes them to the
 * file system unchanged.
 */
export type RemotePath = string | Uint8Array;

/** The bytes of a path; a NUL byte cannot reach a POSIX file system intact, so it is an error. */
export function pathToBytes(path: RemotePath): Uint8Array {
  // Checked at run time too: JavaScript callers can pass anything, and a
  // non-path must be a typed error, not a malformed packet.
  if (typeof path !== 'string' && !(path instanceof Uint8Array)) {
    throw new SftpError(
      'invalid-argument',
      `a remote path must be a string or Uint8Array, got ${typeof path}`,
    );
  }
  const bytes = typeof path === 'string' ? utf8Encoder.encode(path) : path;
  if (bytes.includes(0)) {
    throw new SftpError('invalid-argument', 'a remote path must not contain a NUL byte', {
      path: displayPath(path),
    });
  }
  return bytes;
}

/** A path as text for messages and errors (invalid UTF-8 shows as U+FFFD). */
export function displayPath(path: RemotePath): string {
  return typeof path === 'string' ? path : utf8Decoder.decode(path);
}

/** Decodes a name; returns undefined when it is not valid UTF-8. */
export function decodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Decodes a name leniently (invalid sequences become U+FFFD). */
export function decodeLenient(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** Joins a directory and a child name as bytes, with exactly one `/` between. */
export function joinPath(directory: Uint8Array, name: Uint8Array): Uint8Array {
  const needsSlash = directory.byteLength > 0 && directory[directory.byteLength - 1] !== 0x2f;
  const joined = new Uint8Array(directory.byteLength + (needsSlash ? 1 : 0) + name.byteLength);
  joined.set(directory, 0);
  if (needsSlash) joined[directory.byteLength] = 0x2f;
  joined.set(name, joined.byteLength - name.byteLength);
  return joined;
}

/** The parent of a path as bytes, or undefined for `/`, `.` and single names. */
export function parentPath(path: Uint8Array): Uint8Array | undefined {
  let end = path.byteLength;
  while (end > 1 && path[end - 1] === 0x2f) end--;
  const slash = path.lastIndexOf(0x2f, end - 1);
  if (slash < 0) return undefined;
  if (slash === 0) return end > 1 ? path.subarray(0, 1) : undefined;
  return path.subarray(0, slash);
}

/** The last component of a path as bytes. */
export function baseName(path: Uint8Array): Uint8Array {
  let end = path.byteLength;
  while (end > 1 && path[end - 1] === 0x2f) end--;
  const slash = path.lastIndexOf(0x2f, end - 1);
  return path.subarray(slash + 1, end);
}

/** Appends an ASCII suffix to a path's bytes. */
export function appendSuffix(path: Uint8Array, suffix: string): Uint8Array {
  const tail = utf8Encoder.encode(suffix);
  const joined = new Uint8Array(path.byteLength + tail.byteLength);
  joined.set(path, 0);
  joined.set(tail, path.byteLength);
  return joined;
}
