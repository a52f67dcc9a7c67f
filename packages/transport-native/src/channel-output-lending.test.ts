import { BORROW_CHUNKS, borrowChunks } from '@openssh-ts/session-core';
import { describe, expect, it } from 'vitest';
import type { Channel } from './channel.js';
import { ChannelOutput } from './channel-streams.js';

/** The parts of a Channel a ChannelOutput uses, counting what it grants back. */
function fakeChannel(): { channel: Channel; consumed: () => number } {
  let consumed = 0;
  const channel = {
    windowSize: 1024,
    consumed: (length: number) => {
      consumed += length;
    },
  } as unknown as Channel;
  return { channel, consumed: () => consumed };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('ChannelOutput lending chunks', () => {
  it('keeps pushed chunks (not lent) until a borrower takes over', () => {
    const { channel } = fakeChannel();
    const output = new ChannelOutput(channel);
    expect(output.deliver(bytes('kept'))).toBe(false);
    expect(output.readableLength).toBe(4);
  });

  it('hands what was buffered first, then lends every chunk and grants it back at once', () => {
    const { channel, consumed } = fakeChannel();
    const output = new ChannelOutput(channel);
    output.deliver(bytes('early '));
    const seen: string[] = [];
    expect(borrowChunks(output, (chunk) => seen.push(Buffer.from(chunk).toString()))).toBe(true);
    expect(output.deliver(bytes('lent'))).toBe(true);
    expect(seen).toEqual(['early ', 'lent']);
    expect(consumed()).toBe(10);
    expect(output.readableLength).toBe(0);
  });

  it('ends as usual while lending', async () => {
    const { channel } = fakeChannel();
    const output = new ChannelOutput(channel);
    output[BORROW_CHUNKS](() => undefined);
    const ended = new Promise((resolve) => output.once('end', resolve));
    output.push(null);
    await expect(ended).resolves.toBeUndefined();
  });

  it('lends to one borrower only, and not once ended', () => {
    const { channel } = fakeChannel();
    const output = new ChannelOutput(channel);
    expect(output[BORROW_CHUNKS](() => undefined)).toBe(true);
    expect(output[BORROW_CHUNKS](() => undefined)).toBe(false);
    const ended = new ChannelOutput(channel);
    ended.destroy();
    expect(ended[BORROW_CHUNKS](() => undefined)).toBe(false);
  });

  it('does not lend from a stream that decodes to strings', () => {
    const { channel } = fakeChannel();
    const output = new ChannelOutput(channel);
    output.setEncoding('utf8');
    output.deliver(bytes('text'));
    expect(output[BORROW_CHUNKS](() => undefined)).toBe(false);
    expect(output.read()).toBe('text');
  });

  it('fails only its own stream when a borrower throws', async () => {
    const { channel, consumed } = fakeChannel();
    const output = new ChannelOutput(channel);
    output[BORROW_CHUNKS](() => {
      throw new Error('borrower bug');
    });
    const failed = new Promise((resolve) => output.once('error', resolve));
    expect(output.deliver(bytes('x'))).toBe(true);
    await expect(failed).resolves.toMatchObject({ message: 'borrower bug' });
    expect(consumed()).toBe(1);
  });
});
