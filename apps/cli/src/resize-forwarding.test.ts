import { EventEmitter } from 'node:events';
import type { TerminalSize } from '@openssh-ts/session-core';
import { expect, it } from 'vitest';
import { forwardResizes } from './resize-forwarding.js';

function fakeStdout(columns: number, rows: number) {
  return Object.assign(new EventEmitter(), { isTTY: true, columns, rows });
}

it('forwards each size change until disposed', () => {
  const stdout = fakeStdout(80, 24);
  const sizes: TerminalSize[] = [];
  const handle = forwardResizes(stdout, (size) => sizes.push(size));
  stdout.columns = 100;
  stdout.rows = 30;
  stdout.emit('resize');
  handle[Symbol.dispose]();
  stdout.emit('resize');
  expect(sizes).toEqual([{ columns: 100, rows: 30 }]);
  expect(stdout.listenerCount('resize')).toBe(0);
});

it('skips sizes the remote side cannot take and survives a failing resize', () => {
  const stdout = fakeStdout(0, 0);
  let calls = 0;
  using _forwarding = forwardResizes(stdout, () => {
    calls += 1;
    throw new Error('disconnected');
  });
  stdout.emit('resize');
  expect(calls).toBe(0);
  stdout.columns = 90;
  stdout.rows = 20;
  expect(() => stdout.emit('resize')).not.toThrow();
  expect(calls).toBe(1);
});

it('does nothing without a terminal to follow', () => {
  using _forwarding = forwardResizes(undefined, () => {
    throw new Error('never called');
  });
});

it('sends a size that changed between the pty request and the start of forwarding', () => {
  const stdout = fakeStdout(120, 40);
  const sizes: TerminalSize[] = [];
  forwardResizes(stdout, (size) => sizes.push(size), { columns: 120, rows: 40 })[Symbol.dispose]();
  expect(sizes).toEqual([]);
  forwardResizes(stdout, (size) => sizes.push(size), { columns: 80, rows: 24 })[Symbol.dispose]();
  expect(sizes).toEqual([{ columns: 120, rows: 40 }]);
});
