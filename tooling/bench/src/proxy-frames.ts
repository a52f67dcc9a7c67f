// Input for the mux-codec decode case, built here from RFC 4254 so the case
// does not depend on the codec's own encoder, and the floor it is compared
// with: the least work any decoder of this framing must do.

/** SSH_MSG_CHANNEL_WINDOW_ADJUST (RFC 4254 §5.2). */
const CHANNEL_WINDOW_ADJUST = 93;
/** SSH_MSG_CHANNEL_DATA (RFC 4254 §5.2). */
const CHANNEL_DATA = 94;

function packet(payload: Uint8Array): Uint8Array {
  // Proxy-mode packet: uint32 length, byte padding length (0), payload.
  const frame = new Uint8Array(5 + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, 1 + payload.length);
  frame.set(payload, 5);
  return frame;
}

/** A CHANNEL_DATA packet for `channel` carrying `dataBytes` bytes. */
export function channelDataPacket(channel: number, dataBytes: number): Uint8Array {
  const payload = new Uint8Array(1 + 4 + 4 + dataBytes);
  const view = new DataView(payload.buffer);
  payload[0] = CHANNEL_DATA;
  view.setUint32(1, channel);
  view.setUint32(5, dataBytes);
  for (let index = 0; index < dataBytes; index += 1) payload[9 + index] = index & 0xff;
  return packet(payload);
}

/** A CHANNEL_WINDOW_ADJUST packet: a typical small control message. */
export function windowAdjustPacket(channel: number, bytes: number): Uint8Array {
  const payload = new Uint8Array(9);
  const view = new DataView(payload.buffer);
  payload[0] = CHANNEL_WINDOW_ADJUST;
  view.setUint32(1, channel);
  view.setUint32(5, bytes);
  return packet(payload);
}

/**
 * `count` copies of `frame` back to back, cut into `chunkBytes` pieces as a
 * socket would deliver them: frames straddle chunk boundaries.
 */
export function socketChunks(frame: Uint8Array, count: number, chunkBytes: number): Uint8Array[] {
  const stream = new Uint8Array(frame.length * count);
  for (let index = 0; index < count; index += 1) stream.set(frame, index * frame.length);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < stream.length; offset += chunkBytes)
    chunks.push(stream.subarray(offset, offset + chunkBytes));
  return chunks;
}

/**
 * The floor: finds every frame and its message type, and nothing else (no
 * field decoding, no validation, no message objects). A frame inside one
 * chunk is only looked at; a frame that straddles chunks is copied once into
 * a buffer of its own size, as any decoder must. Returns the number of frames.
 */
export function walkFrames(chunks: readonly Uint8Array[]): number {
  const header = new Uint8Array(4);
  let headerFilled = 0;
  let partial: Uint8Array | undefined;
  let partialFilled = 0;
  let frames = 0;
  let typeSum = 0;
  for (const chunk of chunks) {
    let offset = 0;
    // Finish a frame begun in an earlier chunk.
    while (offset < chunk.length && (headerFilled > 0 || partial !== undefined)) {
      if (partial === undefined) {
        const take = Math.min(4 - headerFilled, chunk.length - offset);
        header.set(chunk.subarray(offset, offset + take), headerFilled);
        headerFilled += take;
        offset += take;
        if (headerFilled === 4) {
          partial = new Uint8Array(new DataView(header.buffer).getUint32(0));
          partialFilled = 0;
          headerFilled = 0;
        }
      } else {
        const take = Math.min(partial.length - partialFilled, chunk.length - offset);
        partial.set(chunk.subarray(offset, offset + take), partialFilled);
        partialFilled += take;
        offset += take;
        if (partialFilled === partial.length) {
          typeSum += partial[1] ?? 0;
          frames += 1;
          partial = undefined;
        }
      }
    }
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (offset + 4 <= chunk.length) {
      const length = view.getUint32(offset);
      if (offset + 4 + length > chunk.length) break;
      typeSum += chunk[offset + 5] ?? 0;
      frames += 1;
      offset += 4 + length;
    }
    // Whatever is left starts a frame that the next chunks complete.
    if (offset < chunk.length) {
      const rest = chunk.subarray(offset);
      if (rest.length < 4) {
        header.set(rest);
        headerFilled = rest.length;
      } else {
        partial = new Uint8Array(view.getUint32(offset));
        partial.set(rest.subarray(4));
        partialFilled = rest.length - 4;
      }
    }
  }
  if (typeSum < 0) throw new Error('unreachable: keeps the type reads from being optimised away');
  return frames;
}
