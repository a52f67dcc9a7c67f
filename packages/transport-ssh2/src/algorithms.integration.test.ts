// The `algorithms` option reaches ssh2's key exchange: what is named is all
// that is offered, against the harness sshd (OpenSSH 9.x, default ciphers).
import { describe, expect, it } from 'vitest';
import { Session } from '@openssh-ts/session-core';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { ssh2Transport, type Ssh2Algorithms } from './index.js';

const sshd = harnessSshd();

async function echoWith(algorithms: Ssh2Algorithms): Promise<string> {
  await using session = await Session.connect(sshd.hostAlias, {
    transport: ssh2Transport({ algorithms }),
    configFile: sshd.sshConfigFile,
  });
  return (await session.command('echo').arg('in').output()).stdout.toString();
}

describe('ssh2Transport algorithms', () => {
  it('connects with exactly the cipher and key exchange named', async () => {
    expect(
      await echoWith({ cipher: ['chacha20-poly1305@openssh.com'], kex: ['curve25519-sha256'] }),
    ).toBe('in\n');
  });

  it('offers only what is named: a cipher sshd does not enable fails the key exchange', async () => {
    // OpenSSH has not enabled CBC ciphers by default since 7.4 (myproposal.h);
    // ssh2 implements aes128-cbc, so only the option can have put it alone on the list.
    const failure = await echoWith({ cipher: ['aes128-cbc'] }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'connect' });
    expect(String(failure)).toMatch(/no matching C->S cipher/);
  });

  it('a name ssh2 does not implement is a connect error saying which', async () => {
    const failure = await echoWith({ cipher: ['no-such-cipher@example.org'] }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ kind: 'connect', reason: 'other' });
    expect(String(failure)).toMatch(/Unsupported algorithm: no-such-cipher@example\.org/);
  });
});
