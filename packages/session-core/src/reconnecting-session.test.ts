import { describe, expect, it } from 'vitest';
import { isConnectionLoss } from './reconnecting-session.js';
import { SshError } from './ssh-error.js';

describe('isConnectionLoss', () => {
  it('is a disconnected SshError or an SftpError-shaped connection-lost, nothing else', () => {
    expect(isConnectionLoss(new SshError('disconnected', 'gone'))).toBe(true);
    expect(isConnectionLoss({ kind: 'sftp', code: 'connection-lost' })).toBe(true);
    expect(isConnectionLoss(new SshError('remote', 'exit 127'))).toBe(false);
    expect(isConnectionLoss({ kind: 'sftp', code: 'no-such-file' })).toBe(false);
    expect(isConnectionLoss(new Error('disconnected'))).toBe(false);
    expect(isConnectionLoss(null)).toBe(false);
  });
});
