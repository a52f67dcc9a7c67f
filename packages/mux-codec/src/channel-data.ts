import { CodecError } from './codec-error.js';
import { CHANNEL_MUX_MAX_PACKET } from './mux-constants.js';
import { SSH_MSG_CHANNEL_DATA, SSH_MSG_CHANNEL_EXTENDED_DATA } from './ssh-constants.js';
import { writeUint32 } from './uint32.js';
import { checkUint32 } from './writer.js';

/** Bytes of a DATA frame before its payload: length, padding length, type, recipient, data length. */
export const CHANNEL_DATA_HEADER_LENGTH = 14;
/** Bytes of an EXTENDED_DATA frame before its payload (adds the data type code). */
export const CHANNEL_EXTENDED_DATA_HEADER_LENGTH = 18;

/**
 * The 14 bytes that precede `dataLength` bytes of payload in an
 * SSH_MSG_CHANNEL_DATA frame. Write them, then the payload itself (e.g. with
 * `socket.cork()` or `writev`), so bulk data is never copied.
 *
 * @example
 * ```ts
 * const payload = new TextEncoder().encode('input');
 * socket.cork();
 * socket.write(encodeChannelDataHeader(0, payload.length));
 * socket.write(payload);
 * socket.uncork();
 * ```
 */
export function encodeChannelDataHeader(recipientChannel: number, dataLength: number): Uint8Array {
  const header = new Uint8Array(CHANNEL_DATA_HEADER_LENGTH);
  fillHeader(header, SSH_MSG_CHANNEL_DATA, recipientChannel, dataLength, 10);
  writeUint32(header, 10, dataLength);
  return header;
}

/**
 * The 18 bytes that precede `dataLength` bytes of payload in an
 * SSH_MSG_CHANNEL_EXTENDED_DATA frame (`dataTypeCode` 1 is stderr).
 */
export function encodeExtendedDataHeader(
  recipientChannel: number,
  dataTypeCode: number,
  dataLength: number,
): Uint8Array {
  const header = new Uint8Array(CHANNEL_EXTENDED_DATA_HEADER_LENGTH);
  fillHeader(header, SSH_MSG_CHANNEL_EXTENDED_DATA, recipientChannel, dataLength, 14);
  writeUint32(header, 10, checkUint32(dataTypeCode, 'data type code'));
  writeUint32(header, 14, dataLength);
  return header;
}

/** A whole SSH_MSG_CHANNEL_DATA frame in one buffer (copies `data`; see {@link encodeChannelDataHeader}). */
export function encodeChannelData(recipientChannel: number, data: Uint8Array): Uint8Array {
  const frame = new Uint8Array(CHANNEL_DATA_HEADER_LENGTH + data.length);
  fillHeader(frame, SSH_MSG_CHANNEL_DATA, recipientChannel, data.length, 10);
  writeUint32(frame, 10, data.length);
  frame.set(data, CHANNEL_DATA_HEADER_LENGTH);
  return frame;
}

function fillHeader(
  header: Uint8Array,
  messageNumber: number,
  recipientChannel: number,
  dataLength: number,
  fixedLength: number,
): void {
  checkUint32(recipientChannel, 'recipient channel');
  checkUint32(dataLength, 'data length');
  const frameLength = fixedLength + dataLength;
  if (frameLength > CHANNEL_MUX_MAX_PACKET) {
    throw new CodecError(
      'frame-too-long',
      `data of ${dataLength} bytes makes a frame over ${CHANNEL_MUX_MAX_PACKET}`,
    );
  }
  writeUint32(header, 0, frameLength);
  header[4] = 0;
  header[5] = messageNumber;
  writeUint32(header, 6, recipientChannel);
}
