import { writeChannelOpenType, writeGlobalRequest } from './channel-open-codec.js';
import { writeChannelRequest } from './channel-request-codec.js';
import { CodecError } from './codec-error.js';
import { CHANNEL_MUX_MAX_PACKET } from './mux-constants.js';
import type { ProxyPacket } from './proxy-packets.js';
import * as ssh from './ssh-constants.js';
import type { Encodable } from './text.js';
import { Writer } from './writer.js';

/** What {@link encodeProxyPacket} accepts: a {@link ProxyPacket} whose text fields may also be bytes. */
export type ProxyPacketInput = Encodable<ProxyPacket>;

/**
 * Encodes one proxy-mode packet as a whole frame: `uint32 length, byte 0
 * (padding length), byte type, payload`, as the master expects from a proxy
 * client. For bulk data prefer {@link encodeChannelDataHeader}, which avoids
 * copying the payload. Frames over 256 KiB are refused (`frame-too-long`):
 * the master would drop the connection.
 *
 * @example
 * ```ts
 * socket.write(
 *   encodeProxyPacket({
 *     type: 'SSH_MSG_CHANNEL_REQUEST',
 *     recipientChannel: 0,
 *     wantReply: true,
 *     request: { kind: 'exec', command: 'echo hello' },
 *   }),
 * );
 * ```
 */
export function encodeProxyPacket(packet: ProxyPacketInput): Uint8Array {
  const writer = new Writer(packet.type === 'SSH_MSG_CHANNEL_DATA' ? 16 + packet.data.length : 64);
  writer.uint8(0);
  switch (packet.type) {
    case 'SSH_MSG_GLOBAL_REQUEST': {
      const { request } = packet;
      writer
        .uint8(ssh.SSH_MSG_GLOBAL_REQUEST)
        .text(request.kind === 'unknown' ? request.name : request.kind, 'request name')
        .boolean(packet.wantReply);
      writeGlobalRequest(writer, request);
      break;
    }
    case 'SSH_MSG_REQUEST_SUCCESS':
      writer.uint8(ssh.SSH_MSG_REQUEST_SUCCESS).raw(packet.data);
      break;
    case 'SSH_MSG_REQUEST_FAILURE':
      writer.uint8(ssh.SSH_MSG_REQUEST_FAILURE);
      break;
    case 'SSH_MSG_CHANNEL_OPEN': {
      const { channel } = packet;
      writer
        .uint8(ssh.SSH_MSG_CHANNEL_OPEN)
        .text(channel.kind === 'unknown' ? channel.name : channel.kind, 'channel type')
        .uint32(packet.senderChannel, 'sender channel')
        .uint32(packet.initialWindowSize, 'initial window size')
        .uint32(packet.maximumPacketSize, 'maximum packet size');
      writeChannelOpenType(writer, channel);
      break;
    }
    case 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION':
      writer
        .uint8(ssh.SSH_MSG_CHANNEL_OPEN_CONFIRMATION)
        .uint32(packet.recipientChannel, 'recipient channel')
        .uint32(packet.senderChannel, 'sender channel')
        .uint32(packet.initialWindowSize, 'initial window size')
        .uint32(packet.maximumPacketSize, 'maximum packet size')
        .raw(packet.data);
      break;
    case 'SSH_MSG_CHANNEL_OPEN_FAILURE':
      writer
        .uint8(ssh.SSH_MSG_CHANNEL_OPEN_FAILURE)
        .uint32(packet.recipientChannel, 'recipient channel')
        .uint32(packet.reasonCode, 'reason code')
        .text(packet.description, 'description')
        .text(packet.languageTag, 'language tag');
      break;
    case 'SSH_MSG_CHANNEL_WINDOW_ADJUST':
      writer
        .uint8(ssh.SSH_MSG_CHANNEL_WINDOW_ADJUST)
        .uint32(packet.recipientChannel, 'recipient channel')
        .uint32(packet.bytesToAdd, 'bytes to add');
      break;
    case 'SSH_MSG_CHANNEL_DATA':
      writer
        .uint8(ssh.SSH_MSG_CHANNEL_DATA)
        .uint32(packet.recipientChannel, 'recipient channel')
        .text(packet.data, 'data');
      break;
    case 'SSH_MSG_CHANNEL_EXTENDED_DATA':
      writer
        .uint8(ssh.SSH_MSG_CHANNEL_EXTENDED_DATA)
        .uint32(packet.recipientChannel, 'recipient channel')
        .uint32(packet.dataTypeCode, 'data type code')
        .text(packet.data, 'data');
      break;
    case 'SSH_MSG_CHANNEL_EOF':
      recipientOnly(writer, ssh.SSH_MSG_CHANNEL_EOF, packet.recipientChannel);
      break;
    case 'SSH_MSG_CHANNEL_CLOSE':
      recipientOnly(writer, ssh.SSH_MSG_CHANNEL_CLOSE, packet.recipientChannel);
      break;
    case 'SSH_MSG_CHANNEL_REQUEST':
      recipientOnly(writer, ssh.SSH_MSG_CHANNEL_REQUEST, packet.recipientChannel);
      writeChannelRequest(writer, packet.wantReply, packet.request);
      break;
    case 'SSH_MSG_CHANNEL_SUCCESS':
      recipientOnly(writer, ssh.SSH_MSG_CHANNEL_SUCCESS, packet.recipientChannel);
      break;
    case 'SSH_MSG_CHANNEL_FAILURE':
      recipientOnly(writer, ssh.SSH_MSG_CHANNEL_FAILURE, packet.recipientChannel);
      break;
    case 'unknown':
      if (
        !Number.isInteger(packet.messageNumber) ||
        packet.messageNumber < 0 ||
        packet.messageNumber > 255
      ) {
        throw new CodecError(
          'invalid-argument',
          `message number must be a byte, got ${String(packet.messageNumber)}`,
        );
      }
      writer.uint8(packet.messageNumber).raw(packet.payload);
      break;
    default:
      throw new CodecError(
        'invalid-argument',
        `unknown packet type ${String((packet as { type: unknown }).type)}`,
      );
  }
  return writer.frame(CHANNEL_MUX_MAX_PACKET);
}

function recipientOnly(writer: Writer, messageNumber: number, recipientChannel: number): void {
  writer.uint8(messageNumber).uint32(recipientChannel, 'recipient channel');
}
