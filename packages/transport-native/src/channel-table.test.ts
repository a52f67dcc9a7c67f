import { describe, expect, it } from 'vitest';
import type { ChannelLink } from './channel.js';
import { ChannelTable } from './channel-table.js';
import { RoundTripEstimate } from './round-trip-estimate.js';

const link: ChannelLink = {
  send: () => true,
  whenDrained: (callback) => callback(),
  roundTrip: new RoundTripEstimate(),
  release: () => undefined,
};

const sizes = { windowSize: 64 * 1024, maximumPacket: 32 * 1024 };

describe('ChannelTable', () => {
  it('gives new channels ids that skip the ones in use', () => {
    const table = new ChannelTable(link, sizes);
    const first = table.create();
    table.add(first);
    const second = table.create();
    expect(second.localId).not.toBe(first.localId);
    expect(second.windowSize).toBe(sizes.windowSize);
    expect(second.maximumPacket).toBe(sizes.maximumPacket);
    expect(table.size).toBe(1);
  });

  it('routes a packet to its open channel only', () => {
    const table = new ChannelTable(link, sizes);
    const channel = table.create();
    table.add(channel);
    const packet = { type: 'SSH_MSG_CHANNEL_EOF', recipientChannel: channel.localId } as const;
    // Still opening: the server cannot address it yet.
    expect(() => table.recipient(packet)).toThrow(expect.objectContaining({ kind: 'mux' }));
    channel.opened(5, 1024, 1024);
    expect(table.recipient(packet)).toBe(channel);
    table.delete(channel.localId);
    expect(() => table.recipient(packet)).toThrow(/for unknown channel/);
  });
});
