import { SshError } from '@openssh-ts/session-core';
import { describe, expect, it } from 'vitest';
import { formatErrorLine, sshDiagnostic } from './error-line.js';
import { UsageError } from './usage-error.js';

describe('formatErrorLine', () => {
  it('says what failed, why and what to try for a refused connection', () => {
    const error = new SshError('connect', 'ssh: connect to host x port 22: Connection refused', {
      reason: 'connection-refused',
    });
    expect(formatErrorLine(error, { destination: 'web-1' })).toBe(
      'ossh: cannot connect to web-1: connection refused — check the port (-p) and that sshd runs there',
    );
  });

  it.each([
    ['permission-denied', /permission denied — check the user \(-l\)/],
    ['timed-out', /timed out — .*--connect-timeout/],
    ['host-unresolved', /not resolved/],
    ['host-key-mismatch', /ssh-keygen -R web-1/],
    ['host-key-unknown', /not in known_hosts — .*--known-hosts add/],
    ['network-unreachable', /network unreachable/],
  ] as const)('connect reason %s', (reason, pattern) => {
    expect(
      formatErrorLine(new SshError('connect', 'x', { reason }), { destination: 'web-1' }),
    ).toMatch(pattern);
  });

  it('says how many password answers a refused login took', () => {
    const error = new SshError(
      'connect',
      'failed to connect to the remote host: Permission denied (publickey,password). (after 3 answers: 3 to password and 0 to keyboard-interactive prompts; …)',
      { reason: 'permission-denied' },
    );
    expect(formatErrorLine(error, { destination: 'web-1' })).toBe(
      'ossh: cannot connect to web-1: permission denied after 3 password answers — check the password and the user (-l)',
    );
  });

  it('keeps ssh output on one line for other reasons', () => {
    const error = new SshError('connect', 'failed', {
      reason: 'other',
      sshOutput: '\nkex_exchange_identification: read: Connection reset\nmore\n',
    });
    const line = formatErrorLine(error, { destination: 'h' });
    expect(line).toBe(
      "ossh: cannot connect to h: kex_exchange_identification: read: Connection reset — run again with --verbose to see ssh's log",
    );
  });

  it.each([
    'master',
    'ssh',
    'mux',
    'invalid-command',
    'remote',
    'disconnected',
    'remote-process-terminated',
    'cleanup',
    'child-io',
    'command-has-env',
    'command-has-cwd',
    'aborted',
    'forward',
    'unsupported',
  ] as const)('formats kind %s as one line with a hint', (kind) => {
    const line = formatErrorLine(new SshError(kind, 'first\nsecond'), { action: 'run "x"' });
    expect(line).toMatch(/^ossh: .+: first — .+$/);
    expect(line).not.toContain('\n');
  });

  it('names a command that was not found', () => {
    const error = new SshError('remote', 'exit 127', { reason: 'not-found', exitCode: 127 });
    expect(formatErrorLine(error, { action: 'run "nope"', destination: 'h' })).toBe(
      'ossh: run "nope" failed on h: command not found — check the program name and remote PATH',
    );
  });

  it('formats usage errors with their hint and other errors plainly', () => {
    expect(formatErrorLine(new UsageError('bad -L', 'use -L port:host:port'))).toBe(
      'ossh: bad -L — use -L port:host:port',
    );
    expect(formatErrorLine(new Error('ENOENT: no such file'), { action: 'upload a' })).toBe(
      'ossh: upload a failed: ENOENT: no such file',
    );
    expect(formatErrorLine('weird')).toBe('ossh: failed: weird');
  });

  it('clips very long messages', () => {
    expect(formatErrorLine(new Error('x'.repeat(1000))).length).toBeLessThanOrEqual(300);
  });
});

it('sshDiagnostic returns ssh output when present', () => {
  expect(sshDiagnostic(new SshError('master', 'x', { sshOutput: ' log \n' }))).toBe('log');
  expect(sshDiagnostic(new Error('x'))).toBe('');
});
