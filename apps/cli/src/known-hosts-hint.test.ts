import { describe, expect, it } from 'vitest';
import { removeKeyCommand, staleHostKey } from './known-hosts-hint.js';

// Lines as sshconnect.c prints them for a changed key under strict checking.
const changed = [
  '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
  'Add correct host key in /home/u/.ssh/known_hosts to get rid of this message.',
  'Offending ED25519 key in /home/u/my hosts:3',
  'Host key for [127.0.0.1]:2222 has changed and you have requested strict checking.',
  'Host key verification failed.',
].join('\n');

describe('staleHostKey', () => {
  it('takes the known_hosts name and file from ssh, port form included', () => {
    expect(staleHostKey(changed, 'web-1')).toEqual({
      name: '[127.0.0.1]:2222',
      file: '/home/u/my hosts',
    });
  });

  it('names the address when only the key recorded for the IP differs', () => {
    const text =
      "Warning: the ED25519 host key for 'web-1' differs from the key for the IP address '[10.0.0.5]:2222'\nOffending key for IP in /k:7\nExiting, you have requested strict checking.";
    expect(staleHostKey(text, 'web-1')).toEqual({ name: '[10.0.0.5]:2222', file: '/k' });
  });

  it('falls back to the host it was given when ssh named none', () => {
    expect(staleHostKey('Host key verification failed.', 'web-1')).toEqual({
      name: 'web-1',
      file: undefined,
    });
  });
});

describe('removeKeyCommand', () => {
  it('quotes the bracketed name and the file for a shell', () => {
    expect(removeKeyCommand(staleHostKey(changed, 'web-1'))).toBe(
      "ssh-keygen -R '[127.0.0.1]:2222' -f '/home/u/my hosts'",
    );
  });

  it('leaves a plain host name bare', () => {
    expect(removeKeyCommand({ name: 'web-1', file: undefined })).toBe('ssh-keygen -R web-1');
  });
});
