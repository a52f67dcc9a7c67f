import { describe, expect, it } from 'vitest';
import { connectFailure } from './connect-failure.js';
import { keyTypeOf } from './host-key-check.js';

describe('connectFailure', () => {
  it('gives the reasons ssh would', () => {
    const cases: [object, string][] = [
      [{ level: 'client-authentication' }, 'permission-denied'],
      [{ level: 'client-timeout' }, 'timed-out'],
      [{ code: 'ECONNREFUSED' }, 'connection-refused'],
      [{ code: 'ENOTFOUND' }, 'host-unresolved'],
      [{ code: 'EAI_AGAIN' }, 'host-unresolved'],
      [{ code: 'ENETUNREACH' }, 'network-unreachable'],
      [{ code: 'EPIPE' }, 'other'],
    ];
    for (const [fields, reason] of cases) {
      const error = connectFailure(Object.assign(new Error('x'), fields), 'host');
      expect(error).toMatchObject({ kind: 'connect', reason });
    }
    expect(
      connectFailure(Object.assign(new Error('x'), { level: 'client-authentication' }), 'h')
        .message,
    ).toMatch(/Permission denied/);
  });
});

describe('keyTypeOf', () => {
  it('reads the type name of a key blob, and nothing from a bad one', () => {
    const type = Buffer.from('ssh-ed25519');
    const blob = Buffer.concat([Buffer.of(0, 0, 0, type.length), type, Buffer.alloc(36)]);
    expect(keyTypeOf(blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(Buffer.of(0, 0, 1, 0, 65))).toBe('');
    expect(keyTypeOf(Buffer.of(0, 0))).toBe('');
  });
});
