import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { mapBounded } from './bounded-map.js';

it('keeps input order and never exceeds the limit', async () => {
  let inFlight = 0;
  let peak = 0;
  const results = await mapBounded(
    Array.from({ length: 50 }, (_, index) => index),
    7,
    async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await sleep(item % 3);
      inFlight -= 1;
      return item * 2;
    },
  );
  expect(results).toEqual(Array.from({ length: 50 }, (_, index) => index * 2));
  expect(peak).toBe(7);
});

it('handles fewer items than the limit, and none', async () => {
  expect(await mapBounded([1, 2], 20, (item) => Promise.resolve(item))).toEqual([1, 2]);
  expect(await mapBounded([], 20, (item) => Promise.resolve(item))).toEqual([]);
});

it('stops starting work after a failure and waits for running calls', async () => {
  const started: number[] = [];
  let finished = 0;
  const run = mapBounded([0, 1, 2, 3, 4, 5], 2, async (item) => {
    started.push(item);
    if (item === 1) throw new Error('boom');
    await sleep(5);
    finished += 1;
    return item;
  });
  await expect(run).rejects.toThrow('boom');
  expect(started).toEqual([0, 1]);
  expect(finished).toBe(1);
});

it('refuses a bad limit', async () => {
  await expect(mapBounded([1], 0, (item) => Promise.resolve(item))).rejects.toThrow(RangeError);
});
