import { describe, expect, it } from 'vitest';
import { advantage, summarize } from './stats.js';

describe('summarize', () => {
  it('gives the middle figure of an odd count and the mean of the middle two of an even count', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
  });

  it('has nothing to say about no figures', () => {
    expect(summarize([])).toBeUndefined();
  });
});

describe('advantage', () => {
  it('reads above 1 as a win for the subject in both directions', () => {
    expect(advantage(200, 100, 'higher')).toBe(2);
    expect(advantage(2, 8, 'lower')).toBe(4);
  });

  it('reads below 1 as a loss', () => {
    expect(advantage(50, 100, 'higher')).toBe(0.5);
    expect(advantage(8, 2, 'lower')).toBe(0.25);
  });

  it('refuses figures that cannot be compared', () => {
    expect(advantage(0, 1, 'higher')).toBeUndefined();
    expect(advantage(1, Number.NaN, 'lower')).toBeUndefined();
  });
});
