import { FrameDecoder, type DecoderOptions } from './frame-decoder.js';
import { decodeProxyPayload } from './proxy-decode.js';
import type { ProxyPacket } from './proxy-packets.js';

/**
 * Incremental decoder for the proxy-mode stream that follows `MUX_S_PROXY`:
 * `uint32 length, byte 0, byte type, payload` frames, either direction.
 * DATA and EXTENDED_DATA payloads are views into the pushed bytes (see
 * {@link FrameDecoder} for their lifetime), never copies.
 *
 * @example
 * ```ts
 * const packets = new ProxyPacketDecoder();
 * socket.on('data', (chunk: Uint8Array) => {
 *   for (const packet of packets.push(chunk)) {
 *     if (packet.type === 'SSH_MSG_CHANNEL_DATA') process.stdout.write(packet.data);
 *   }
 * });
 * ```
 */
export class ProxyPacketDecoder extends FrameDecoder<ProxyPacket> {
  constructor(options: DecoderOptions = {}) {
    super(decodeProxyPayload, options);
  }
}
