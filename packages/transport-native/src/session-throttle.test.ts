import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionThrottle } from './session-throttle.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('SessionThrottle', () => {
  it('starts everything at once until the server refuses one', () => {
    const throttle = new SessionThrottle();
    const started: number[] = [];
    for (let index = 0; index < 5; index += 1) throttle.acquire(() => started.push(index));
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(throttle.queued).toBe(0);
  });

  it('after a refusal, holds new opens at the sessions still open and retries when one closes', async () => {
    const throttle = new SessionThrottle();
    const started: string[] = [];
    for (const name of ['a', 'b', 'c']) throttle.acquire(() => started.push(name));
    let retried = 0;
    throttle.refused(() => (retried += 1)); // c refused: a and b hold the two slots
    throttle.acquire(() => started.push('d'));
    expect(started).toEqual(['a', 'b', 'c']);
    expect(throttle.queued).toBe(2);
    throttle.release(); // a ended
    await new Promise((resolve) => setImmediate(resolve));
    expect(retried).toBe(1);
    expect(started).toEqual(['a', 'b', 'c']);
    throttle.release(); // b ended
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('retries on a timer when nothing of ours will close, backing off', () => {
    vi.useFakeTimers();
    const throttle = new SessionThrottle();
    let attempts = 0;
    const attempt = (): void => {
      attempts += 1;
    };
    throttle.acquire(attempt);
    throttle.refused(attempt);
    vi.advanceTimersByTime(5);
    expect(attempts).toBe(2);
    throttle.refused(attempt);
    vi.advanceTimersByTime(5);
    expect(attempts).toBe(2);
    vi.advanceTimersByTime(5);
    expect(attempts).toBe(3);
  });

  it('flush() runs everything waiting, so each can settle its caller', () => {
    const throttle = new SessionThrottle();
    const ran: number[] = [];
    throttle.acquire(() => ran.push(0));
    throttle.refused(() => ran.push(1));
    throttle.acquire(() => ran.push(2));
    throttle.flush();
    expect(ran).toEqual([0, 1, 2]);
  });
});
