import { describe, expect, it } from 'vitest';
import type { Channel } from './channel.js';
import { SpareSession, type SpareSource } from './spare-session.js';

function fakeChannel(): Channel & { closed: boolean } {
  const channel = {
    closed: false,
    get closing() {
      return channel.closed;
    },
    listener: undefined,
    close() {
      channel.closed = true;
    },
  };
  return channel as unknown as Channel & { closed: boolean };
}

function source(): SpareSource & { opened: number; waiting: boolean } {
  return {
    opened: 0,
    waiting: false,
    get sessionsWaiting() {
      return this.waiting;
    },
    openSpare() {
      this.opened += 1;
      return Promise.resolve(fakeChannel());
    },
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SpareSession', () => {
  it('opens nothing until the first command, then keeps one channel ready', async () => {
    const link = source();
    const spare = new SpareSession(link);
    spare.refill();
    expect(link.opened).toBe(0);
    expect(spare.take()).toBeUndefined();
    await settle();
    expect(link.opened).toBe(1);
    const taken = spare.take();
    expect(taken).toBeDefined();
    await settle();
    expect(link.opened).toBe(2);
  });

  it('gives its slot up when opens wait, and opens none while they do', async () => {
    const link = source();
    const spare = new SpareSession(link);
    spare.take();
    await settle();
    link.waiting = true;
    const taken = spare.take();
    expect(taken).toBeDefined();
    await settle();
    expect(link.opened).toBe(1);
    link.waiting = false;
    spare.refill();
    await settle();
    spare.yieldSlot();
    expect(spare.take()).toBeUndefined();
  });
});
