import { CodecError } from './codec-error.js';
import { forwardTypeNumber, writeEndpoint } from './forward-endpoint.js';
import * as wire from './mux-constants.js';
import type { MuxMessage } from './mux-messages.js';
import type { Encodable } from './text.js';
import { Writer } from './writer.js';

/** What {@link encodeMuxMessage} accepts: a {@link MuxMessage} whose text fields may also be bytes. */
export type MuxMessageInput = Encodable<MuxMessage>;

/**
 * Encodes one mux message as a whole frame (`uint32 length` included), ready
 * to write to the control socket. Strings go out as UTF-8; mux strings with a
 * NUL, numbers that are not uint32 and frames over 256 KiB are refused with a
 * CodecError of kind `invalid-argument` / `frame-too-long`.
 *
 * @example
 * ```ts
 * const hello = encodeMuxMessage({ type: 'MUX_MSG_HELLO', version: 4, extensions: [] });
 * const check = encodeMuxMessage({ type: 'MUX_C_ALIVE_CHECK', requestId: 1 });
 * socket.write(hello);
 * socket.write(check); // 12 bytes: length 8, MUX_C_ALIVE_CHECK, request id 1
 * ```
 */
export function encodeMuxMessage(message: MuxMessageInput): Uint8Array {
  const writer = new Writer(message.type === 'MUX_C_NEW_SESSION' ? 256 : 64);
  switch (message.type) {
    case 'MUX_MSG_HELLO':
      writer.uint32(wire.MUX_MSG_HELLO, 'type').uint32(message.version, 'version');
      for (const extension of message.extensions) {
        writer
          .text(extension.name, 'extension name', true)
          .text(extension.value, 'extension value');
      }
      break;
    case 'MUX_C_NEW_SESSION':
      writer
        .uint32(wire.MUX_C_NEW_SESSION, 'type')
        .uint32(message.requestId, 'request id')
        .text(message.reserved ?? '', 'reserved')
        .uint32(message.wantTty ? 1 : 0, 'want tty flag')
        .uint32(message.wantX11Forwarding ? 1 : 0, 'want X11 forwarding flag')
        .uint32(message.wantAgentForwarding ? 1 : 0, 'want agent flag')
        .uint32(message.subsystem ? 1 : 0, 'subsystem flag')
        .uint32(message.escapeCharacter, 'escape char')
        .text(message.terminalType, 'terminal type', true)
        .text(message.command, 'command', true);
      for (const variable of message.environment) writer.text(variable, 'environment string', true);
      break;
    case 'MUX_C_ALIVE_CHECK':
      requestOnly(writer, wire.MUX_C_ALIVE_CHECK, message.requestId);
      break;
    case 'MUX_C_TERMINATE':
      requestOnly(writer, wire.MUX_C_TERMINATE, message.requestId);
      break;
    case 'MUX_C_OPEN_FWD':
    case 'MUX_C_CLOSE_FWD':
      requestOnly(
        writer,
        message.type === 'MUX_C_OPEN_FWD' ? wire.MUX_C_OPEN_FWD : wire.MUX_C_CLOSE_FWD,
        message.requestId,
      );
      writer.uint32(forwardTypeNumber(message.forwardType), 'forwarding type');
      writeEndpoint(writer, message.listen, 'listen');
      writeEndpoint(writer, message.connect, 'connect');
      break;
    case 'MUX_C_NEW_STDIO_FWD':
      requestOnly(writer, wire.MUX_C_NEW_STDIO_FWD, message.requestId);
      writer.text(message.reserved ?? '', 'reserved');
      writeEndpoint(writer, message.connect, 'connect');
      break;
    case 'MUX_C_STOP_LISTENING':
      requestOnly(writer, wire.MUX_C_STOP_LISTENING, message.requestId);
      break;
    case 'MUX_C_PROXY':
      requestOnly(writer, wire.MUX_C_PROXY, message.requestId);
      break;
    case 'MUX_C_EXT_INFO':
      requestOnly(writer, wire.MUX_C_EXT_INFO, message.requestId);
      writer.text(message.name, 'name', true);
      break;
    case 'MUX_S_OK':
      requestOnly(writer, wire.MUX_S_OK, message.requestId);
      break;
    case 'MUX_S_PERMISSION_DENIED':
      requestOnly(writer, wire.MUX_S_PERMISSION_DENIED, message.requestId);
      writer.text(message.reason, 'reason');
      break;
    case 'MUX_S_FAILURE':
      requestOnly(writer, wire.MUX_S_FAILURE, message.requestId);
      writer.text(message.reason, 'reason');
      break;
    case 'MUX_S_EXIT_MESSAGE':
      writer
        .uint32(wire.MUX_S_EXIT_MESSAGE, 'type')
        .uint32(message.sessionId, 'session id')
        .uint32(message.exitValue, 'exit value');
      break;
    case 'MUX_S_ALIVE':
      requestOnly(writer, wire.MUX_S_ALIVE, message.requestId);
      writer.uint32(message.pid, 'server pid');
      break;
    case 'MUX_S_SESSION_OPENED':
      requestOnly(writer, wire.MUX_S_SESSION_OPENED, message.requestId);
      writer.uint32(message.sessionId, 'session id');
      break;
    case 'MUX_S_REMOTE_PORT':
      requestOnly(writer, wire.MUX_S_REMOTE_PORT, message.requestId);
      writer.uint32(message.allocatedPort, 'allocated remote listen port');
      break;
    case 'MUX_S_TTY_ALLOC_FAIL':
      writer.uint32(wire.MUX_S_TTY_ALLOC_FAIL, 'type').uint32(message.sessionId, 'session id');
      break;
    case 'MUX_S_PROXY':
      requestOnly(writer, wire.MUX_S_PROXY, message.requestId);
      break;
    case 'MUX_S_EXT_INFO':
      requestOnly(writer, wire.MUX_S_EXT_INFO, message.requestId);
      writer.uint32(message.status, 'status').text(message.message, 'message');
      break;
    case 'unknown':
      writer.uint32(message.messageType, 'message type').raw(message.body);
      break;
    default:
      throw new CodecError(
        'invalid-argument',
        `unknown mux message type ${String((message as { type: unknown }).type)}`,
      );
  }
  return writer.frame(wire.CHANNEL_MUX_MAX_PACKET);
}

function requestOnly(writer: Writer, messageType: number, requestId: number): void {
  writer.uint32(messageType, 'type').uint32(requestId, 'request id');
}
