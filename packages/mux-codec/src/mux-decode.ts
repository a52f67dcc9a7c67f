import { CodecError } from './codec-error.js';
import { readEndpoint, readForwardType } from './forward-endpoint.js';
import * as wire from './mux-constants.js';
import type { MuxHelloExtension, MuxMessage } from './mux-messages.js';
import { Reader } from './reader.js';

/**
 * Decodes one mux message from `bytes[start, end)`: the frame's payload,
 * length prefix excluded. `origin` is the stream offset of `bytes[0]`, used
 * in error offsets. Throws only {@link CodecError}.
 */
export function decodeMuxPayload(
  bytes: Uint8Array,
  start: number,
  end: number,
  origin: number,
): MuxMessage {
  const reader = new Reader(bytes, start, end, origin);
  if (end - start < 4) {
    throw new CodecError(
      'frame-too-short',
      `mux frame of ${end - start} bytes has no message type`,
      {
        offset: origin + start,
      },
    );
  }
  const messageType = reader.uint32('message type');
  const message = decodeBody(reader, messageType);
  reader.finish(message.type);
  return message;
}

/**
 * Decodes one mux message from its payload (the bytes after the length
 * prefix). Error offsets count from the start of `payload`. For a stream,
 * where frames arrive split or batched, use {@link MuxDecoder} instead.
 *
 * @example
 * ```ts
 * const frame = encodeMuxMessage({ type: 'MUX_S_ALIVE', requestId: 1, pid: 4242 });
 * const message = decodeMuxMessage(frame.subarray(4)); // skip the length prefix
 * if (message.type === 'MUX_S_ALIVE') console.log(message.pid); // 4242
 * ```
 */
export function decodeMuxMessage(payload: Uint8Array): MuxMessage {
  return decodeMuxPayload(payload, 0, payload.length, 0);
}

function decodeBody(reader: Reader, messageType: number): MuxMessage {
  switch (messageType) {
    case wire.MUX_MSG_HELLO: {
      const version = reader.uint32('version');
      const extensions: MuxHelloExtension[] = [];
      while (reader.remaining() > 0) {
        extensions.push({
          name: reader.cText('extension name'),
          value: reader.text('extension value'),
        });
      }
      return { type: 'MUX_MSG_HELLO', version, extensions };
    }
    case wire.MUX_C_NEW_SESSION: {
      const requestId = reader.uint32('request id');
      const reserved = reader.text('reserved');
      // mux.c reads these flags with sshbuf_get_u32, although PROTOCOL.mux says "bool".
      const wantTty = reader.uint32('want tty flag') !== 0;
      const wantX11Forwarding = reader.uint32('want X11 forwarding flag') !== 0;
      const wantAgentForwarding = reader.uint32('want agent flag') !== 0;
      const subsystem = reader.uint32('subsystem flag') !== 0;
      const escapeCharacter = reader.uint32('escape char');
      const terminalType = reader.cText('terminal type');
      const command = reader.cText('command');
      const environment: string[] = [];
      while (reader.remaining() > 0) environment.push(reader.cText('environment string'));
      return {
        type: 'MUX_C_NEW_SESSION',
        requestId,
        reserved,
        wantTty,
        wantX11Forwarding,
        wantAgentForwarding,
        subsystem,
        escapeCharacter,
        terminalType,
        command,
        environment,
      };
    }
    case wire.MUX_C_ALIVE_CHECK:
      return { type: 'MUX_C_ALIVE_CHECK', requestId: reader.uint32('request id') };
    case wire.MUX_C_TERMINATE:
      return { type: 'MUX_C_TERMINATE', requestId: reader.uint32('request id') };
    case wire.MUX_C_OPEN_FWD:
    case wire.MUX_C_CLOSE_FWD: {
      const requestId = reader.uint32('request id');
      const forwardType = readForwardType(reader);
      const listen = readEndpoint(reader, 'listen');
      const connect = readEndpoint(reader, 'connect');
      const type = messageType === wire.MUX_C_OPEN_FWD ? 'MUX_C_OPEN_FWD' : 'MUX_C_CLOSE_FWD';
      return { type, requestId, forwardType, listen, connect };
    }
    case wire.MUX_C_NEW_STDIO_FWD: {
      const requestId = reader.uint32('request id');
      const reserved = reader.text('reserved');
      return {
        type: 'MUX_C_NEW_STDIO_FWD',
        requestId,
        reserved,
        connect: readEndpoint(reader, 'connect'),
      };
    }
    case wire.MUX_C_STOP_LISTENING:
      return { type: 'MUX_C_STOP_LISTENING', requestId: reader.uint32('request id') };
    case wire.MUX_C_PROXY:
      return { type: 'MUX_C_PROXY', requestId: reader.uint32('request id') };
    case wire.MUX_C_EXT_INFO:
      return {
        type: 'MUX_C_EXT_INFO',
        requestId: reader.uint32('request id'),
        name: reader.cText('name'),
      };
    case wire.MUX_S_OK:
      return { type: 'MUX_S_OK', requestId: reader.uint32('client request id') };
    case wire.MUX_S_PERMISSION_DENIED:
      return {
        type: 'MUX_S_PERMISSION_DENIED',
        requestId: reader.uint32('client request id'),
        reason: reader.text('reason'),
      };
    case wire.MUX_S_FAILURE:
      return {
        type: 'MUX_S_FAILURE',
        requestId: reader.uint32('client request id'),
        reason: reader.text('reason'),
      };
    case wire.MUX_S_EXIT_MESSAGE:
      return {
        type: 'MUX_S_EXIT_MESSAGE',
        sessionId: reader.uint32('session id'),
        exitValue: reader.uint32('exit value'),
      };
    case wire.MUX_S_ALIVE:
      return {
        type: 'MUX_S_ALIVE',
        requestId: reader.uint32('client request id'),
        pid: reader.uint32('server pid'),
      };
    case wire.MUX_S_SESSION_OPENED:
      return {
        type: 'MUX_S_SESSION_OPENED',
        requestId: reader.uint32('client request id'),
        sessionId: reader.uint32('session id'),
      };
    case wire.MUX_S_REMOTE_PORT:
      return {
        type: 'MUX_S_REMOTE_PORT',
        requestId: reader.uint32('client request id'),
        allocatedPort: reader.uint32('allocated remote listen port'),
      };
    case wire.MUX_S_TTY_ALLOC_FAIL:
      return { type: 'MUX_S_TTY_ALLOC_FAIL', sessionId: reader.uint32('session id') };
    case wire.MUX_S_PROXY:
      return { type: 'MUX_S_PROXY', requestId: reader.uint32('request id') };
    case wire.MUX_S_EXT_INFO:
      return {
        type: 'MUX_S_EXT_INFO',
        requestId: reader.uint32('client request id'),
        status: reader.uint32('status'),
        message: reader.text('message'),
      };
    default:
      return { type: 'unknown', messageType, body: reader.rest() };
  }
}
