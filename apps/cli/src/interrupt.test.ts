import { EventEmitter } from 'node:events';
import { SshError } from '@openssh-ts/session-core';
import { expect, it, vi } from 'vitest';
import {
  handleInterrupts,
  InterruptedError,
  isInterrupt,
  type InterruptTarget,
} from './interrupt.js';

function fakeProcess(): InterruptTarget & EventEmitter & { exit: ReturnType<typeof vi.fn> } {
  const emitter = new EventEmitter();
  return Object.assign(emitter, { exit: vi.fn() as unknown as InterruptTarget['exit'] }) as never;
}

it('aborts on the first interrupt and exits 130 on the second', () => {
  const target = fakeProcess();
  const seen: string[] = [];
  const handle = handleInterrupts((name) => seen.push(name), target);
  target.emit('SIGINT');
  expect(handle.signal.aborted).toBe(true);
  expect(handle.signal.reason).toBeInstanceOf(InterruptedError);
  expect(seen).toEqual(['SIGINT']);
  expect(target.exit).not.toHaveBeenCalled();
  target.emit('SIGTERM');
  expect(target.exit).toHaveBeenCalledWith(130);
  handle[Symbol.dispose]();
  expect(target.listenerCount('SIGINT')).toBe(0);
});

it('recognises an interrupt wrapped as a cause', () => {
  const reason = new InterruptedError('SIGINT');
  expect(isInterrupt(reason)).toBe(true);
  expect(isInterrupt(new SshError('aborted', 'stopped', { cause: reason }))).toBe(true);
  expect(isInterrupt(new SshError('aborted', 'timeout'))).toBe(false);
  expect(isInterrupt('x')).toBe(false);
});
