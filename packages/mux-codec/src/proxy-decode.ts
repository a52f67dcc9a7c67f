import { readChannelOpenType, readGlobalRequest } from './channel-open-codec.js';
import { readChannelRequest } from './channel-request-codec.js';
import { CodecError } from './codec-error.js';
import type { ProxyPacket } from './proxy-packets.js';
import { Reader } from './reader.js';
import * as ssh from './ssh-constants.js';
import { readUint32 } from './uint32.js';

/**
 * Decodes one proxy-mode packet from `bytes[start, end)`: the frame's
 * payload `byte padding length (0), byte type, ...`, length prefix
 * excluded. `origin` is the stream offset of `bytes[0]`. The master never
 * pads (channels.c writes a zero padding length and no padding), so a
 * non-zero padding length is an `invalid-value`. Throws only CodecError.
 */
export function decodeProxyPayload(
  bytes: Uint8Array,
  start: number,
  end: number,
  origin: number,
): ProxyPacket {
  if (end - start < 2) {
    throw new CodecError(
      'frame-too-short',
      `packet of ${end - start} bytes lacks padding length and type`,
      {
        offset: origin + start,
      },
    );
  }
  if (bytes[start] !== 0) {
    throw new CodecError('invalid-value', `padding length ${bytes[start]!} is not 0`, {
      offset: origin + start,
    });
  }
  const messageNumber = bytes[start + 1]!;
  // Fast path for the bulk of the traffic: a well-formed DATA packet.
  if (messageNumber === ssh.SSH_MSG_CHANNEL_DATA && end - start >= 10) {
    const length = readUint32(bytes, start + 6);
    if (length === end - start - 10) {
      return {
        type: 'SSH_MSG_CHANNEL_DATA',
        recipientChannel: readUint32(bytes, start + 2),
        data: bytes.subarray(start + 10, end),
      };
    }
  }
  const reader = new Reader(bytes, start + 2, end, origin);
  const packet = decodeBody(reader, messageNumber);
  reader.finish(packet.type);
  return packet;
}

/**
 * Decodes one proxy-mode packet from its payload (the bytes after the length
 * prefix, starting with the padding length). Error offsets count from the
 * start of `payload`. For a stream, use {@link ProxyPacketDecoder} instead.
 *
 * @example
 * ```ts
 * const frame = encodeProxyPacket({ type: 'SSH_MSG_CHANNEL_EOF', recipientChannel: 3 });
 * const packet = decodeProxyPacket(frame.subarray(4)); // skip the length prefix
 * console.log(packet); // { type: 'SSH_MSG_CHANNEL_EOF', recipientChannel: 3 }
 * ```
 */
export function decodeProxyPacket(payload: Uint8Array): ProxyPacket {
  return decodeProxyPayload(payload, 0, payload.length, 0);
}

function decodeBody(reader: Reader, messageNumber: number): ProxyPacket {
  switch (messageNumber) {
    case ssh.SSH_MSG_GLOBAL_REQUEST: {
      const name = reader.text('request name');
      const wantReply = reader.boolean('want reply');
      return {
        type: 'SSH_MSG_GLOBAL_REQUEST',
        wantReply,
        request: readGlobalRequest(reader, name),
      };
    }
    case ssh.SSH_MSG_REQUEST_SUCCESS:
      return { type: 'SSH_MSG_REQUEST_SUCCESS', data: reader.rest() };
    case ssh.SSH_MSG_REQUEST_FAILURE:
      return { type: 'SSH_MSG_REQUEST_FAILURE' };
    case ssh.SSH_MSG_CHANNEL_OPEN: {
      const name = reader.text('channel type');
      return {
        type: 'SSH_MSG_CHANNEL_OPEN',
        senderChannel: reader.uint32('sender channel'),
        initialWindowSize: reader.uint32('initial window size'),
        maximumPacketSize: reader.uint32('maximum packet size'),
        channel: readChannelOpenType(reader, name),
      };
    }
    case ssh.SSH_MSG_CHANNEL_OPEN_CONFIRMATION:
      return {
        type: 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION',
        recipientChannel: reader.uint32('recipient channel'),
        senderChannel: reader.uint32('sender channel'),
        initialWindowSize: reader.uint32('initial window size'),
        maximumPacketSize: reader.uint32('maximum packet size'),
        data: reader.rest(),
      };
    case ssh.SSH_MSG_CHANNEL_OPEN_FAILURE:
      return {
        type: 'SSH_MSG_CHANNEL_OPEN_FAILURE',
        recipientChannel: reader.uint32('recipient channel'),
        reasonCode: reader.uint32('reason code'),
        description: reader.text('description'),
        languageTag: reader.text('language tag'),
      };
    case ssh.SSH_MSG_CHANNEL_WINDOW_ADJUST:
      return {
        type: 'SSH_MSG_CHANNEL_WINDOW_ADJUST',
        recipientChannel: reader.uint32('recipient channel'),
        bytesToAdd: reader.uint32('bytes to add'),
      };
    case ssh.SSH_MSG_CHANNEL_DATA:
      return {
        type: 'SSH_MSG_CHANNEL_DATA',
        recipientChannel: reader.uint32('recipient channel'),
        data: reader.byteString('data'),
      };
    case ssh.SSH_MSG_CHANNEL_EXTENDED_DATA:
      return {
        type: 'SSH_MSG_CHANNEL_EXTENDED_DATA',
        recipientChannel: reader.uint32('recipient channel'),
        dataTypeCode: reader.uint32('data type code'),
        data: reader.byteString('data'),
      };
    case ssh.SSH_MSG_CHANNEL_EOF:
      return { type: 'SSH_MSG_CHANNEL_EOF', recipientChannel: reader.uint32('recipient channel') };
    case ssh.SSH_MSG_CHANNEL_CLOSE:
      return {
        type: 'SSH_MSG_CHANNEL_CLOSE',
        recipientChannel: reader.uint32('recipient channel'),
      };
    case ssh.SSH_MSG_CHANNEL_REQUEST: {
      const recipientChannel = reader.uint32('recipient channel');
      const name = reader.text('request type');
      const wantReply = reader.boolean('want reply');
      return {
        type: 'SSH_MSG_CHANNEL_REQUEST',
        recipientChannel,
        wantReply,
        request: readChannelRequest(reader, name),
      };
    }
    case ssh.SSH_MSG_CHANNEL_SUCCESS:
      return {
        type: 'SSH_MSG_CHANNEL_SUCCESS',
        recipientChannel: reader.uint32('recipient channel'),
      };
    case ssh.SSH_MSG_CHANNEL_FAILURE:
      return {
        type: 'SSH_MSG_CHANNEL_FAILURE',
        recipientChannel: reader.uint32('recipient channel'),
      };
    default:
      return { type: 'unknown', messageNumber, payload: reader.rest() };
  }
}

/**
 * The port a server bound for a `tcpip-forward` of port 0: the uint32 in
 * that request's SSH_MSG_REQUEST_SUCCESS `data` (RFC 4254 §7.1), or
 * `undefined` when `data` is not exactly one uint32.
 */
export function readBoundPort(data: Uint8Array): number | undefined {
  return data.length === 4 ? readUint32(data, 0) : undefined;
}
