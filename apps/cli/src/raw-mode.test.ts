import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { canUseRawMode, enterRawMode, type RawModeInput } from './raw-mode.js';

/** A terminal input that records every mode change. */
function fakeTty(isRaw = false): RawModeInput & { isRaw: boolean; modes: boolean[] } {
  const tty = {
    isTTY: true,
    isRaw,
    modes: [] as boolean[],
    setRawMode(mode: boolean) {
      tty.modes.push(mode);
      tty.isRaw = mode;
      return tty;
    },
  };
  return tty;
}

it('switches a terminal to raw mode and back on dispose', () => {
  const tty = fakeTty();
  const exitHooks = new EventEmitter();
  {
    using _raw = enterRawMode(tty, exitHooks);
    expect(tty.isRaw).toBe(true);
    expect(exitHooks.listenerCount('exit')).toBe(1);
  }
  expect(tty.modes).toEqual([true, false]);
  expect(exitHooks.listenerCount('exit')).toBe(0);
});

it('restores on an error thrown inside the scope', () => {
  const tty = fakeTty();
  const run = (): void => {
    using _raw = enterRawMode(tty, new EventEmitter());
    throw new Error('remote gone');
  };
  expect(run).toThrow('remote gone');
  expect(tty.isRaw).toBe(false);
});

it('restores when the process exits without disposing (process.exit on a second Ctrl-C)', () => {
  const tty = fakeTty();
  const exitHooks = new EventEmitter();
  const handle = enterRawMode(tty, exitHooks);
  exitHooks.emit('exit', 130);
  expect(tty.isRaw).toBe(false);
  handle[Symbol.dispose]();
  expect(tty.modes).toEqual([true, false]);
});

it('restores the mode the terminal had, once', () => {
  const tty = fakeTty(true);
  const handle = enterRawMode(tty, new EventEmitter());
  handle[Symbol.dispose]();
  handle[Symbol.dispose]();
  expect(tty.modes).toEqual([true, true]);
});

it('keeps quiet when the terminal is gone by the time it is restored', () => {
  const tty = fakeTty();
  const handle = enterRawMode(tty, new EventEmitter());
  tty.setRawMode = () => {
    throw Object.assign(new Error('setRawMode EIO'), { code: 'EIO' });
  };
  expect(() => handle[Symbol.dispose]()).not.toThrow();
});

it('leaves anything that is not a terminal alone', () => {
  const pipe: RawModeInput = { isTTY: false };
  expect(canUseRawMode(pipe)).toBe(false);
  expect(canUseRawMode({ isTTY: true })).toBe(false);
  const exitHooks = new EventEmitter();
  enterRawMode(pipe, exitHooks)[Symbol.dispose]();
  expect(exitHooks.listenerCount('exit')).toBe(0);
});
