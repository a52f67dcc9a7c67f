import { describe, expect, it } from 'vitest';
import { channelDataPacket, socketChunks, walkFrames, windowAdjustPacket } from './proxy-frames.js';

describe('proxy frames', () => {
  it('lays out CHANNEL_DATA as length, padding, type, channel, string', () => {
    const frame = channelDataPacket(7, 3);
    expect([...frame]).toEqual([0, 0, 0, 13, 0, 94, 0, 0, 0, 7, 0, 0, 0, 3, 0, 1, 2]);
  });

  it('lays out WINDOW_ADJUST in 14 bytes', () => {
    expect([...windowAdjustPacket(1, 256)]).toEqual([0, 0, 0, 10, 0, 93, 0, 0, 0, 1, 0, 0, 1, 0]);
  });

  it('finds every frame however the stream is cut', () => {
    const frame = channelDataPacket(1, 100);
    for (const chunkBytes of [1, 7, 109, 4096]) {
      expect(walkFrames(socketChunks(frame, 10, chunkBytes))).toBe(10);
    }
  });
});
