/**
 * Pure codec for the OpenSSH mux protocol v4 (`PROTOCOL.mux`) and for the
 * SSH connection-protocol packets (RFC 4254) of mux proxy mode: bytes in,
 * messages out, and back. No sockets, no state beyond incremental framing.
 *
 * Invariants:
 * - Framing: every mux frame is `uint32 length, uint32 type, body`; every
 *   proxy packet is `uint32 length, byte 0 (padding length), byte type,
 *   payload`. All integers are big-endian (RFC 4251 §5).
 * - Bounds: decoders refuse a length prefix above `maximumFrameLength`
 *   (default 256 KiB, OpenSSH's `CHANNEL_MUX_MAX_PACKET`) before buffering
 *   it, so memory stays bounded whatever the peer sends; encoders refuse to
 *   produce such a frame.
 * - Errors: malformed input (too short, too long, truncated inside a field,
 *   trailing bytes, values outside their domain) throws a {@link CodecError}
 *   with a `kind` and byte `offset`; a decoder stays failed afterwards.
 *   Nothing else is thrown.
 * - Buffer lifetime: DATA payloads are views into the pushed chunk (or into
 *   a buffer allocated for one split frame and never reused).
 *
 * @packageDocumentation
 * @module @openssh-ts/mux-codec
 */
export { CodecError, type CodecErrorDetails, type CodecErrorKind } from './codec-error.js';
export * from './mux-constants.js';
export * from './ssh-constants.js';
export { TERMINAL_MODE, type TerminalMode } from './terminal-modes.js';
export type { Encodable, SshText } from './text.js';
export type {
  ForwardEndpoint,
  ForwardType,
  MuxAlive,
  MuxAliveCheck,
  MuxCloseForward,
  MuxExitMessage,
  MuxExtInfoReply,
  MuxExtInfoRequest,
  MuxFailure,
  MuxHello,
  MuxHelloExtension,
  MuxMessage,
  MuxNewSession,
  MuxNewStdioForward,
  MuxOk,
  MuxOpenForward,
  MuxPermissionDenied,
  MuxProxy,
  MuxProxyReply,
  MuxRemotePort,
  MuxSessionOpened,
  MuxStopListening,
  MuxTerminate,
  MuxTtyAllocFail,
  MuxUnknown,
} from './mux-messages.js';
export type {
  ChannelClosePacket,
  ChannelDataPacket,
  ChannelEofPacket,
  ChannelExtendedDataPacket,
  ChannelFailurePacket,
  ChannelOpenConfirmationPacket,
  ChannelOpenFailurePacket,
  ChannelOpenPacket,
  ChannelOpenType,
  ChannelRequest,
  ChannelRequestPacket,
  ChannelSuccessPacket,
  ChannelWindowAdjustPacket,
  GlobalRequest,
  GlobalRequestPacket,
  ProxyPacket,
  RequestFailurePacket,
  RequestSuccessPacket,
  UnknownPacket,
  WindowDimensions,
} from './proxy-packets.js';
export { decodeMuxMessage } from './mux-decode.js';
export { encodeMuxMessage, type MuxMessageInput } from './mux-encode.js';
export { decodeProxyPacket, readBoundPort } from './proxy-decode.js';
export { encodeProxyPacket, type ProxyPacketInput } from './proxy-encode.js';
export {
  CHANNEL_DATA_HEADER_LENGTH,
  CHANNEL_EXTENDED_DATA_HEADER_LENGTH,
  encodeChannelData,
  encodeChannelDataHeader,
  encodeExtendedDataHeader,
} from './channel-data.js';
export { FrameDecoder, type DecoderOptions } from './frame-decoder.js';
export { MuxDecoder } from './mux-decoder.js';
export { ProxyPacketDecoder } from './proxy-packet-decoder.js';
