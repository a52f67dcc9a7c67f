import { expect, it } from 'vitest';
import { formatMode } from './file-mode.js';

it.each([
  [0o100644, '-rw-r--r--'],
  [0o040755, 'drwxr-xr-x'],
  [0o120777, 'lrwxrwxrwx'],
  [0o104755, '-rwsr-xr-x'],
  [0o102644, '-rw-r-Sr--'],
  [0o041777, 'drwxrwxrwt'],
  [0o041776, 'drwxrwxrwT'],
  [0o000000, '?---------'],
])('%o → %s', (mode, text) => {
  expect(formatMode(mode)).toBe(text);
});
