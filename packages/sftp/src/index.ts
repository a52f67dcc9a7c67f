/**
 * `@openssh-ts/sftp`: a pipelined SFTP v3 client (draft-ietf-secsh-filexfer-02)
 * with OpenSSH's extensions, over any openssh-ts Session or any pair of
 * streams.
 *
 * Layers, each usable on its own: a pure packet codec (`encodeRequest`,
 * `decodeResponse`, `FrameDecoder`: bounded lengths, typed errors,
 * incremental framing); a request engine over a Readable/Writable pair
 * (request ids, any number in flight, every pending request rejected on the
 * first fault); and {@link Sftp}, the `fs/promises`-like API.
 *
 * @packageDocumentation
 * @module @openssh-ts/sftp
 */
export { DEFAULT_CHANNELS, DEFAULT_CONCURRENCY, MAX_CHANNELS } from './transfer-settings.js';
export { Sftp, type SftpOptions, type SftpStreamsOptions } from './sftp.js';
export type { ReaddirOptions } from './sftp-directories.js';
export type { SftpSession, SftpCommand, SftpChild } from './sftp-session.js';
export { SftpFileHandle, type ReadResult, type WriteResult } from './file-handle.js';
export { SftpWriteStream, type WriteStreamOptions } from './write-stream.js';
export type { ReadStreamOptions } from './read-stream.js';
export { PARALLEL_MIN_BYTES, type FastTransferOptions } from './fast-transfer.js';
export {
  SftpError,
  statusToCode,
  type SftpErrorCode,
  type SftpErrorDetails,
} from './sftp-error.js';
export { SftpStats } from './stats.js';
export { SftpDirent } from './directory-entry.js';
export type { StatVfs } from './statvfs.js';
export type { ServerLimits } from './protocol-client.js';
export type { FileAttributes, ExtendedAttribute } from './attributes.js';
export type { OpenFlags } from './open-flags.js';
export type { RemotePath } from './path-bytes.js';
export type { TimeLike } from './time-like.js';
export { FrameDecoder } from './frame-decoder.js';
export {
  encodeInit,
  encodeRequest,
  type SftpRequest,
  type PathRequest,
  type HandleRequest,
} from './requests.js';
export {
  decodeResponse,
  decodeVersion,
  type SftpResponse,
  type NameEntry,
  type VersionResponse,
} from './responses.js';
export { RequestEngine } from './request-engine.js';
export * as wire from './constants.js';
