import { describe, expect, it } from 'vitest';
import { interpretSshError } from './interpret-ssh-error.js';

describe('interpretSshError', () => {
  it('skips the "Warning: Permanently added" line, as the crate does', () => {
    const error = interpretSshError(
      "ssh: Warning: Permanently added 'login.csail.mit.edu,128.52.131.0' (ECDSA) to the list of known hosts.\r\n" +
        'openssh-tester@login.csail.mit.edu: Permission denied (publickey,gssapi-keyex,gssapi-with-mic,password,keyboard-interactive).',
    );
    expect(error.kind).toBe('connect');
    expect(error.reason).toBe('permission-denied');
    expect(error.sshOutput).toBe(
      'openssh-tester@login.csail.mit.edu: Permission denied (publickey,gssapi-keyex,gssapi-with-mic,password,keyboard-interactive).',
    );
  });

  it.each([
    ['ssh: connect to host 127.0.0.1 port 9: Connection refused', 'connection-refused'],
    ['ssh: connect to host 192.0.2.1 port 22: Connection timed out', 'timed-out'],
    ['ssh: connect to host 192.0.2.1 port 22: Operation timed out', 'timed-out'],
    [
      'Connection timed out during banner exchange\r\nConnection to 127.0.0.1 port 4000 timed out',
      'timed-out',
    ],
    ['ssh: Could not resolve hostname bad-host: Name or service not known', 'host-unresolved'],
    [
      'ssh: Could not resolve hostname bad-host: Temporary failure in name resolution',
      'host-unresolved',
    ],
    [
      'ssh: Could not resolve hostname x: nodename nor servname provided, or not known',
      'host-unresolved',
    ],
    ['ssh: connect to host 10.0.0.1 port 22: Network is unreachable', 'network-unreachable'],
    ['ssh: connect to host 10.0.0.1 port 22: No route to host', 'network-unreachable'],
    ['ssh: connect to host 10.0.0.1 port 22: Permission denied', 'network-unreachable'],
    [
      '@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n...\nHost key verification failed.',
      'host-key-mismatch',
    ],
    [
      'No ED25519 host key is known for [127.0.0.1]:41237 and you have requested strict checking.\nHost key verification failed.',
      'host-key-unknown',
    ],
    ['Host key verification failed.', 'host-key-unknown'],
    [
      'Offending ED25519 key in /tmp/known_hosts:1\nHost key for [127.0.0.1]:41237 has changed and you have requested strict checking.\nHost key verification failed.',
      'host-key-mismatch',
    ],
    [
      '@       WARNING: REVOKED HOST KEY DETECTED!               @\nThe ED25519 host key for web-1 is marked as revoked.\nHost key verification failed.',
      'host-key-mismatch',
    ],
    ['kex_exchange_identification: read: Connection reset by peer', 'other'],
    ['', 'other'],
  ])('%j is %s', (text, reason) => {
    expect(interpretSshError(text).reason).toBe(reason);
  });
});
