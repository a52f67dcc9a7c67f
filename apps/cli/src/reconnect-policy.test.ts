import { SshError } from '@openssh-ts/session-core';
import { expect, it } from 'vitest';
import { reconnectDelay, shouldReconnect } from './reconnect-policy.js';

it('reconnects after a lost connection and connect failures that may pass', () => {
  expect(shouldReconnect(new SshError('disconnected', 'gone'))).toBe(true);
  for (const reason of ['connection-refused', 'timed-out', 'network-unreachable', 'other'] as const)
    expect(shouldReconnect(new SshError('connect', 'no', { reason }))).toBe(true);
});

it('reports at once what would fail the same way again', () => {
  for (const reason of [
    'permission-denied',
    'host-key-unknown',
    'host-key-mismatch',
    'host-unresolved',
  ] as const)
    expect(shouldReconnect(new SshError('connect', 'no', { reason }))).toBe(false);
  expect(shouldReconnect(new SshError('remote', 'exit 1'))).toBe(false);
  expect(shouldReconnect(new Error('bug'))).toBe(false);
});

it('doubles the wait up to a bound', () => {
  expect([1, 2, 3, 10].map(reconnectDelay)).toEqual([500, 1000, 2000, 10_000]);
});
