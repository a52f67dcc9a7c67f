import { expect, it } from 'vitest';
import {
  DEFAULT_TERM,
  ptyRequestFor,
  sizeSource,
  terminalSizeOf,
  terminalType,
} from './pty-request.js';

const tty = (columns: number | undefined, rows: number | undefined) =>
  ({ isTTY: true, columns, rows }) as const;

it('takes TERM from the environment, xterm-256color when unset or empty', () => {
  expect(terminalType({ TERM: 'screen-256color' })).toBe('screen-256color');
  expect(terminalType({})).toBe(DEFAULT_TERM);
  expect(terminalType({ TERM: '' })).toBe('xterm-256color');
});

it('reads the size of a terminal only, within the remote bounds', () => {
  expect(terminalSizeOf(tty(132, 43))).toEqual({ columns: 132, rows: 43 });
  expect(terminalSizeOf({ columns: 132, rows: 43 })).toBeUndefined();
  expect(terminalSizeOf({ isTTY: false, columns: 132, rows: 43 })).toBeUndefined();
  expect(terminalSizeOf(tty(0, 0))).toBeUndefined();
  expect(terminalSizeOf(tty(undefined, 24))).toBeUndefined();
  expect(terminalSizeOf(tty(80, 70_000))).toBeUndefined();
  expect(terminalSizeOf(tty(80.5, 24))).toBeUndefined();
  expect(terminalSizeOf(tty(65_535, 1))).toEqual({ columns: 65_535, rows: 1 });
});

it('follows stdout, else stderr, else nothing', () => {
  const stdout = tty(100, 30);
  const stderr = tty(120, 40);
  const pipe = { isTTY: false };
  expect(sizeSource([stdout, stderr])).toBe(stdout);
  expect(sizeSource([pipe, stderr])).toBe(stderr);
  expect(sizeSource([pipe, pipe])).toBeUndefined();
});

it('asks for the local type and size, 80x24 without a sized terminal', () => {
  expect(ptyRequestFor(tty(100, 30), { TERM: 'vt100' })).toEqual({
    term: 'vt100',
    columns: 100,
    rows: 30,
  });
  expect(ptyRequestFor(undefined, {})).toEqual({ term: DEFAULT_TERM, columns: 80, rows: 24 });
  expect(ptyRequestFor(tty(0, 0), {})).toEqual({ term: DEFAULT_TERM, columns: 80, rows: 24 });
});
