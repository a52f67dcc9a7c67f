import { describe, expect, it } from 'vitest';
import { keyTypeOfAlgorithm, preferKnownKeyTypes } from './host-key-algorithms.js';

const ssh2Order = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

describe('preferKnownKeyTypes', () => {
  it('puts the algorithms of known key types first, each group in the given order', () => {
    expect(preferKnownKeyTypes(['ssh-rsa', 'ecdsa-sha2-nistp384'], ssh2Order)).toEqual([
      'ecdsa-sha2-nistp384',
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
      'ssh-ed25519',
      'ecdsa-sha2-nistp256',
    ]);
  });

  it('keeps the order when nothing is known', () => {
    expect(preferKnownKeyTypes([], ssh2Order)).toEqual(ssh2Order);
  });

  it('maps RSA SHA-2 signature algorithms to ssh-rsa keys', () => {
    expect(keyTypeOfAlgorithm('rsa-sha2-256')).toBe('ssh-rsa');
    expect(keyTypeOfAlgorithm('ssh-ed25519')).toBe('ssh-ed25519');
  });
});
