import { describe, expect, it } from 'vitest';
import { takePacket, type QueuedWrite } from './outgoing-packets.js';

function queued(bytes: number[], code?: number): QueuedWrite {
  return { data: Uint8Array.from(bytes), offset: 0, code, callback: () => undefined };
}

const contents = (pieces: Uint8Array[]): number[] => pieces.flatMap((piece) => [...piece]);

describe('takePacket', () => {
  it('puts a small write and the data after it in one packet', () => {
    const queue = [queued([1, 2]), queued([3, 4, 5, 6, 7])];
    const packet = takePacket(queue, 5);
    expect(contents(packet.pieces)).toEqual([1, 2, 3, 4, 5]);
    expect(packet).toMatchObject({ length: 5, completed: 1 });
    expect(queue[1]!.offset).toBe(3);
    expect(takePacket(queue.slice(1), 5)).toMatchObject({ length: 2, completed: 1 });
  });

  it('never mixes DATA with EXTENDED_DATA', () => {
    const queue = [queued([1]), queued([2], 1), queued([3])];
    expect(takePacket(queue, 10)).toMatchObject({ length: 1, completed: 1 });
    expect(takePacket(queue.slice(1), 10)).toMatchObject({ length: 1, completed: 1 });
  });

  it('takes nothing without room, but completes empty writes', () => {
    expect(takePacket([queued([1])], 0)).toMatchObject({ length: 0, completed: 0 });
    expect(takePacket([queued([]), queued([1])], 0)).toMatchObject({ length: 0, completed: 1 });
  });

  it('hands out views of the written memory, never copies', () => {
    const write = queued([1, 2, 3]);
    const [piece] = takePacket([write], 2).pieces;
    expect(piece!.buffer).toBe(write.data.buffer);
  });
});
