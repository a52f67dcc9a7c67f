import { describe, expect, it } from 'vitest';
import { RoundTripEstimate } from './round-trip-estimate.js';
import { WindowSizer } from './window-sizer.js';

const MiB = 1024 * 1024;
const PACKET = 32 * 1024;
const STEP = 256 * 1024;
const ROUND_TRIP = 50;

/** A sizer on a clock the test moves. */
function sizerAt(
  initial: number,
  maximum: number,
): { sizer: WindowSizer; advance(ms: number): void } {
  let now = 0;
  return {
    sizer: new WindowSizer(initial, maximum, () => now),
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * One window's worth of packets spread evenly over `milliseconds`, with a
 * grant of every 256 KiB consumed at once; returns the bytes granted.
 */
function windowOver(
  sizer: WindowSizer,
  advance: (ms: number) => void,
  milliseconds: number,
  roundTrip: number | undefined,
): number {
  const packets = Math.ceil(sizer.size / PACKET);
  let consumed = 0;
  let granted = 0;
  for (let i = 0; i < packets; i++) {
    sizer.received(PACKET, roundTrip);
    consumed += PACKET;
    if (consumed >= STEP) {
      granted += sizer.grant(consumed, 0);
      consumed = 0;
    }
    advance(milliseconds / packets);
  }
  return granted + (consumed > 0 ? sizer.grant(consumed, 0) : 0);
}

describe('WindowSizer', () => {
  it('grows a window that arrives within a round trip, up to the maximum', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 16 * MiB);
    const sizes: number[] = [];
    for (let i = 0; i < 30; i++) {
      windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
      sizes.push(sizer.size);
    }
    expect(sizes[0]).toBeGreaterThan(2 * MiB);
    expect(sizes.every((size, i) => i === 0 || size >= sizes[i - 1]!)).toBe(true);
    expect(sizes.at(-1)).toBe(16 * MiB);
  });

  it('adds growth to grants no faster than the consumed bytes, so sshd never bursts more than two steps', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 16 * MiB);
    for (let i = 0; i < 8; i++) windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
    const before = sizer.size;
    sizer.received(before, ROUND_TRIP);
    // Everything arrived at once: the window wants to grow by a quarter...
    const granted = sizer.grant(STEP, 0);
    // ...but one grant carries at most as much growth as it hands back.
    expect(granted).toBeLessThanOrEqual(2 * STEP);
    expect(sizer.size).toBe(before + granted - STEP);
  });

  it('settles near the bandwidth-delay product once the link, not the window, sets the rate', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 64 * MiB);
    // A link of 100 MiB/s at 50 ms: a bandwidth-delay product of 5 MiB.
    for (let i = 0; i < 40; i++) {
      const milliseconds = Math.max(ROUND_TRIP, (sizer.size / MiB) * 10);
      windowOver(sizer, advance, milliseconds, ROUND_TRIP);
    }
    expect(sizer.size).toBeGreaterThanOrEqual(5 * MiB);
    expect(sizer.size).toBeLessThanOrEqual(5 * MiB * 1.25 * 1.25);
  });

  it('shrinks toward the bandwidth-delay product, withholding consumed bytes, once the rate falls', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 16 * MiB);
    while (sizer.size < 16 * MiB) windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
    // The master slows to 20 MiB/s: a product of 1 MiB, under the initial window.
    const granted = windowOver(sizer, advance, (16 / 20) * 1000, ROUND_TRIP);
    expect(granted).toBeLessThan(16 * MiB);
    for (let i = 0; i < 10; i++)
      windowOver(sizer, advance, (sizer.size / MiB / 20) * 1000, ROUND_TRIP);
    expect(sizer.size).toBe(2 * MiB);
  });

  it('doubles at first, then grows by a quarter once a window arrived slower than the link allows', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 64 * MiB);
    windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
    windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
    expect(sizer.size).toBe(4 * MiB);
    windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
    windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
    expect(sizer.size).toBe(8 * MiB);
    // One slow window ends the doubling; it settles toward what it measured.
    windowOver(sizer, advance, 2 * ROUND_TRIP, ROUND_TRIP);
    windowOver(sizer, advance, 2 * ROUND_TRIP, ROUND_TRIP);
    const settled = sizer.size;
    expect(settled).toBeLessThan(8 * MiB);
    for (let i = 0; i < 3; i++) windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
    expect(sizer.size).toBeGreaterThan(settled);
    expect(sizer.size).toBeLessThanOrEqual(Math.ceil(Math.ceil(settled * 1.25) * 1.25));
  });

  it('stops growing on one slow probe reply, and shrinks by a quarter on two in a row', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 16 * MiB);
    for (let i = 0; i < 6; i++) windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
    const grown = sizer.size;
    // One slow reply (this process's own event loop may have been busy): hold.
    sizer.probed(ROUND_TRIP * 2, ROUND_TRIP);
    windowOver(sizer, advance, ROUND_TRIP / 2, ROUND_TRIP);
    expect(sizer.size).toBe(grown);
    sizer.probed(ROUND_TRIP * 2, ROUND_TRIP);
    sizer.grant(4 * MiB, 0);
    expect(sizer.size).toBe(Math.floor(grown * 0.75));
    const shrunk = sizer.size;
    windowOver(sizer, advance, ROUND_TRIP / 2, ROUND_TRIP);
    expect(sizer.size).toBe(shrunk);
    // A reply as fast as the fastest: the queue is gone, growth goes on.
    sizer.probed(ROUND_TRIP + 1, ROUND_TRIP);
    windowOver(sizer, advance, ROUND_TRIP, ROUND_TRIP);
    expect(sizer.size).toBeGreaterThan(shrunk);
  });

  it('does not grow on loopback, where a window takes many round trips to arrive', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 16 * MiB);
    for (let i = 0; i < 10; i++) windowOver(sizer, advance, 5, 0.1);
    expect(sizer.size).toBe(2 * MiB);
  });

  it('does not change before the round trip is known', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 16 * MiB);
    for (let i = 0; i < 5; i++) windowOver(sizer, advance, 1, undefined);
    expect(sizer.size).toBe(2 * MiB);
  });

  it('does not grow for a slow reader: the reader is the limit', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 16 * MiB);
    for (let i = 0; i < 10; i++) {
      sizer.received(2 * MiB, ROUND_TRIP);
      advance(10);
      expect(sizer.grant(STEP, 2 * MiB)).toBe(STEP);
    }
    expect(sizer.size).toBe(2 * MiB);
  });

  it('stays put where the maximum is the initial size', () => {
    const { sizer, advance } = sizerAt(2 * MiB, 2 * MiB);
    expect(sizer.adjustable).toBe(false);
    windowOver(sizer, advance, 1, ROUND_TRIP);
    expect(sizer.size).toBe(2 * MiB);
  });
});

describe('RoundTripEstimate', () => {
  it('keeps the shortest reply time and ignores nonsense', () => {
    const estimate = new RoundTripEstimate();
    expect(estimate.milliseconds).toBeUndefined();
    estimate.sample(52);
    estimate.sample(50.5);
    estimate.sample(400);
    estimate.sample(Number.NaN);
    estimate.sample(-1);
    expect(estimate.milliseconds).toBe(50.5);
  });
});
