import { describe, expect, it } from 'vitest';
import { TestSshdError } from './errors.js';
import { startSshd } from './start-sshd.js';

describe('startSshd without an sshd', () => {
  it('fails with kind sshd-not-installed and says how to install it', async () => {
    const failure = startSshd({ sshdPath: '/nonexistent/sbin/sshd' });
    await expect(failure).rejects.toBeInstanceOf(TestSshdError);
    await expect(failure).rejects.toMatchObject({
      kind: 'sshd-not-installed',
      message: expect.stringContaining('apt-get install openssh-server') as unknown,
    });
  });

  it('refuses a listen address off loopback', async () => {
    await expect(startSshd({ listenAddress: '0.0.0.0' as '127.0.0.1' })).rejects.toMatchObject({
      kind: 'start-failed',
    });
  });
});
