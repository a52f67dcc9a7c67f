import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionThrottle } from './session-throttle.js';

afterEach(() => {
  vi.useRealTimers();
});

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('SessionThrottle', () => {
  it("starts OpenSSH's default of 10 sessions at once, then probes one beyond", () => {
    const throttle = new SessionThrottle();
    const started: number[] = [];
    for (let index = 0; index < 20; index += 1) throttle.acquire(() => started.push(index));
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(throttle.queued).toBe(9);
  });

  it('grows like slow start while probes are confirmed', () => {
    const throttle = new SessionThrottle();
    const probes: boolean[] = [];
    for (let index = 0; index < 40; index += 1) throttle.acquire((probe) => probes.push(probe));
    expect(probes).toEqual([...Array<boolean>(10).fill(false), true]);
    for (let index = 0; index < 10; index += 1) throttle.confirmed(false);
    expect(probes).toHaveLength(11);
    throttle.confirmed(true);
    expect(probes.slice(11)).toEqual([true, true]);
    throttle.confirmed(true);
    throttle.confirmed(true);
    expect(probes.slice(13)).toEqual([true, true, true, true]);
  });

  it('after a refusal, holds opens at the sessions still open and retries when one closes', async () => {
    const throttle = new SessionThrottle();
    const started: string[] = [];
    for (let index = 0; index < 11; index += 1) throttle.acquire(() => started.push(`s${index}`));
    let retried = 0;
    throttle.refused(true, () => (retried += 1)); // the probe: 10 hold the slots
    throttle.acquire(() => started.push('next'));
    expect(started).toHaveLength(11);
    throttle.release();
    await turn();
    expect(retried).toBe(1);
    expect(started).toHaveLength(11);
    throttle.release();
    await turn();
    expect(started.at(-1)).toBe('next');
  });

  it('retries on a timer, backing off, when nothing of ours will close', () => {
    vi.useFakeTimers();
    const throttle = new SessionThrottle();
    let attempts = 0;
    const attempt = (): void => {
      attempts += 1;
    };
    throttle.acquire(attempt);
    throttle.refused(false, attempt);
    vi.advanceTimersByTime(5);
    expect(attempts).toBe(2);
    throttle.refused(false, attempt);
    vi.advanceTimersByTime(5);
    expect(attempts).toBe(2);
    vi.advanceTimersByTime(5);
    expect(attempts).toBe(3);
  });

  it('flush() runs everything waiting, so each can settle its caller', () => {
    const throttle = new SessionThrottle();
    let ran = 0;
    for (let index = 0; index < 15; index += 1) throttle.acquire(() => (ran += 1));
    throttle.flush();
    expect(ran).toBe(15);
  });
});
