import { FrameDecoder, type DecoderOptions } from './frame-decoder.js';
import { decodeMuxPayload } from './mux-decode.js';
import type { MuxMessage } from './mux-messages.js';

/**
 * Incremental decoder for a mux control stream, either direction.
 *
 * `push(chunk)` returns the messages completed so far and keeps a partial
 * frame. After `MUX_S_PROXY` (or `MUX_C_PROXY`, for the other direction)
 * the stream carries proxy packets, which may sit right behind the reply in
 * the same chunk: the decoder stops there, and `takeRemainder()` hands over
 * the bytes that follow, to be pushed into a {@link ProxyPacketDecoder}.
 *
 * @example
 * ```ts
 * const mux = new MuxDecoder();
 * for (const message of mux.push(chunk)) {
 *   if (message.type === 'MUX_S_PROXY') {
 *     const packets = new ProxyPacketDecoder();
 *     handle(packets.push(mux.takeRemainder()));
 *   }
 * }
 * ```
 */
export class MuxDecoder extends FrameDecoder<MuxMessage> {
  constructor(options: DecoderOptions = {}) {
    super(decodeMuxPayload, options, isProxySwitch);
  }
}

function isProxySwitch(message: MuxMessage): boolean {
  return message.type === 'MUX_S_PROXY' || message.type === 'MUX_C_PROXY';
}
