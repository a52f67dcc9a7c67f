import { describe, expect, it } from 'vitest';
import { StripeCursor } from './stripe-cursor.js';

describe('StripeCursor', () => {
  it('hands out every byte of the range once, the last piece short', () => {
    const cursor = new StripeCursor(0, 10, 4);
    expect([cursor.next(), cursor.next(), cursor.next(), cursor.next()]).toEqual([
      { offset: 0, length: 4 },
      { offset: 4, length: 4 },
      { offset: 8, length: 2 },
      undefined,
    ]);
    expect(cursor.done).toBe(true);
  });

  it('stopAt ends the range early and never extends it', () => {
    const cursor = new StripeCursor(0, 100, 10);
    cursor.next();
    cursor.stopAt(15);
    cursor.stopAt(50);
    expect(cursor.end).toBe(15);
    expect(cursor.next()).toEqual({ offset: 10, length: 5 });
    expect(cursor.next()).toBeUndefined();
  });
});
