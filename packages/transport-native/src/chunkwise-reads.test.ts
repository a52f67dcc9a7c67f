import { describe, expect, it } from 'vitest';
import type { Channel } from './channel.js';
import { ChannelDuplex, ChannelOutput } from './channel-streams.js';
import { ChunkwiseReads } from './chunkwise-reads.js';

/** A channel stand-in that only counts the window granted back. */
function fakeChannel(): { channel: Channel; granted: () => number } {
  let granted = 0;
  const channel = {
    windowSize: 1024 * 1024,
    consumed: (length: number) => {
      granted += length;
    },
    close: () => undefined,
    endInput: () => undefined,
  } as unknown as Channel;
  return { channel, granted: () => granted };
}

describe('ChunkwiseReads', () => {
  it('sizes reads to the first buffered chunk, also after a partial read', () => {
    const reads = new ChunkwiseReads();
    expect(reads.nextSize(10)).toBeUndefined();
    reads.start(0);
    reads.record(5);
    reads.record(7);
    expect(reads.nextSize(12)).toBe(5);
    // 3 bytes of the first chunk were read some other way.
    expect(reads.nextSize(9)).toBe(2);
    expect(reads.nextSize(7)).toBe(7);
    expect(reads.nextSize(0)).toBeUndefined();
  });

  it('counts what was buffered before iterating as one chunk', () => {
    const reads = new ChunkwiseReads();
    reads.start(9);
    reads.record(4);
    expect(reads.nextSize(13)).toBe(9);
    expect(reads.nextSize(4)).toBe(4);
  });
});

describe('ChannelOutput iteration', () => {
  it('yields the pushed chunks themselves, not copies, and grants every byte back', async () => {
    const { channel, granted } = fakeChannel();
    const output = new ChannelOutput(channel);
    const chunks = [Buffer.from('one'), Buffer.from('two'), Buffer.from('three')];
    output.deliver(Buffer.from('early'));
    const received: Buffer[] = [];
    const iterating = (async () => {
      for await (const chunk of output) received.push(chunk as Buffer);
    })();
    for (const chunk of chunks) output.deliver(chunk);
    output.push(null);
    await iterating;
    expect(Buffer.concat(received).toString()).toBe('earlyonetwothree');
    expect(received.slice(1)).toEqual(chunks);
    for (const [index, chunk] of chunks.entries()) expect(received[index + 1]).toBe(chunk);
    expect(granted()).toBe('earlyonetwothree'.length);
  });

  it('works the same on a tunnel (ChannelDuplex)', async () => {
    const { channel, granted } = fakeChannel();
    const tunnel = new ChannelDuplex(channel);
    const chunks = [Buffer.from('a'), Buffer.from('bc'), Buffer.from('def')];
    const received: Buffer[] = [];
    const iterating = (async () => {
      for await (const chunk of tunnel) received.push(chunk as Buffer);
    })();
    for (const chunk of chunks) tunnel.onData(chunk);
    tunnel.onEof();
    await iterating;
    for (const [index, chunk] of chunks.entries()) expect(received[index]).toBe(chunk);
    expect(granted()).toBe(6);
  });
});
