import { expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRate } from './format-units.js';

it('formats bytes', () => {
  expect(formatBytes(0)).toBe('0 B');
  expect(formatBytes(1023)).toBe('1023 B');
  expect(formatBytes(1536)).toBe('1.5 KiB');
  expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
});

it('formats durations', () => {
  expect(formatDuration(850)).toBe('850 ms');
  expect(formatDuration(12_300)).toBe('12.3 s');
  expect(formatDuration(125_000)).toBe('2m05s');
});

it('formats rates', () => {
  expect(formatRate(2 * 1024 * 1024, 1000)).toBe('2.0 MiB/s');
  expect(formatRate(10, 0)).toBe('-');
});
