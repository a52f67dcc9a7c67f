import { describe, expect, it } from 'vitest';
import { SessionSlots } from './session-slots.js';

describe('SessionSlots', () => {
  it('admits everything until a refusal, then queues at the most ever open', async () => {
    const slots = new SessionSlots();
    const leases = await Promise.all([1, 2, 3].map(() => slots.acquire()));
    for (const lease of leases.slice(0, 2)) lease.opened();
    leases[2]?.release();
    slots.refused();
    expect(slots.limit).toBe(2);
    let granted = false;
    const waiting = slots.acquire().then((lease) => {
      granted = true;
      return lease;
    });
    await Promise.resolve();
    expect(granted).toBe(false);
    leases[0]?.release();
    (await waiting).release();
    expect(granted).toBe(true);
    leases[1]?.release();
    leases[1]?.release();
    expect(slots.openCount).toBe(0);
  });

  it('rejects a queued acquire with the abort reason', async () => {
    const slots = new SessionSlots();
    const first = await slots.acquire();
    first.opened();
    slots.refused();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    first.release();
    (await slots.acquire()).release();
  });
});
