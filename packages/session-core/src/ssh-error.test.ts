import { describe, expect, it } from 'vitest';
import { SshError } from './ssh-error.js';

describe('SshError', () => {
  it('carries kind, reason and cause, and is recognised by brand', () => {
    const cause = new Error('boom');
    const error = new SshError('connect', 'could not connect', {
      reason: 'connection-refused',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe('connect');
    expect(error.reason).toBe('connection-refused');
    expect(error.cause).toBe(cause);
    expect(SshError.isInstance(error)).toBe(true);
    expect(SshError.isInstance(new Error('x'))).toBe(false);
    expect(SshError.isInstance({ kind: 'connect' })).toBe(false);
  });
});
