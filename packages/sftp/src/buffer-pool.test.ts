import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffer-pool.js';

describe('BufferPool', () => {
  it('reuses a released buffer of the same size, once', () => {
    const pool = new BufferPool();
    const first = pool.acquire(1000);
    pool.release(first.subarray(10, 20));
    pool.release(first);
    const second = pool.acquire(1000);
    expect(second.buffer).toBe(first.buffer);
    expect(pool.acquire(1000).buffer).not.toBe(first.buffer);
  });

  it('ignores memory it did not issue', () => {
    const pool = new BufferPool();
    const foreign = new Uint8Array(1000);
    pool.release(foreign);
    expect(pool.acquire(1000).buffer).not.toBe(foreign.buffer);
  });

  it('keeps at most the configured number of free buffers per size', () => {
    const pool = new BufferPool(1);
    const a = pool.acquire(64);
    const b = pool.acquire(64);
    pool.release(a);
    pool.release(b);
    expect(pool.acquire(64).buffer).toBe(a.buffer);
    expect(pool.acquire(64).buffer).not.toBe(b.buffer);
  });
});
