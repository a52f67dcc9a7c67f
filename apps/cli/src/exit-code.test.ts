import { SshError } from '@openssh-ts/session-core';
import { describe, expect, it } from 'vitest';
import { exitCodeForError, exitCodeForStatus, signalNumber } from './exit-code.js';
import { UsageError } from './usage-error.js';

describe('exitCodeForStatus', () => {
  it('passes the remote code through', () => {
    expect(exitCodeForStatus({ code: 0, signal: null })).toBe(0);
    expect(exitCodeForStatus({ code: 42, signal: null })).toBe(42);
  });

  it('reports a remote signal as 128+n', () => {
    expect(exitCodeForStatus({ code: null, signal: 'TERM' })).toBe(143);
    expect(exitCodeForStatus({ code: null, signal: 'KILL' })).toBe(137);
  });

  it('uses 255 for an unknown signal or no status at all', () => {
    expect(exitCodeForStatus({ code: null, signal: 'NOPE' })).toBe(255);
    expect(exitCodeForStatus({ code: null, signal: null })).toBe(255);
  });

  it('knows signal numbers', () => {
    expect(signalNumber('int')).toBe(2);
    expect(signalNumber('BOGUS')).toBeUndefined();
  });
});

describe('exitCodeForError', () => {
  it.each([
    ['connect', 255],
    ['master', 255],
    ['disconnected', 255],
    ['aborted', 124],
    ['invalid-command', 2],
  ] as const)('%s → %i', (kind, code) => {
    expect(exitCodeForError(new SshError(kind, 'x'))).toBe(code);
  });

  it('keeps the code of a remote refusal', () => {
    expect(exitCodeForError(new SshError('remote', 'not found', { exitCode: 127 }))).toBe(127);
  });

  it('uses 2 for usage errors and 1 for anything else', () => {
    expect(exitCodeForError(new UsageError('bad'))).toBe(2);
    expect(exitCodeForError(new Error('boom'))).toBe(1);
  });
});
