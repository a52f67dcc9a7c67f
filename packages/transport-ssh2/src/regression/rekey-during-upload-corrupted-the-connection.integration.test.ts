// Regression: sshd rekeys while a command's stdin streams in, and the ssh2
// transport must keep the connection intact. ssh2 (1.17) sent a CHANNEL_DATA
// payload without its packet header when the rekey's host key was checked
// asynchronously (sshd: "Bad packet length 1577058304", connection dropped);
// with chacha20-poly1305 sshd rekeys after every 1 GiB by default, so large
// uploads died with ECONNRESET. A RekeyLimit of 1 MiB makes each MiB a rekey.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { Session } from '@openssh-ts/session-core';
import { startSshd } from '@openssh-ts/test-sshd';
import { ssh2Transport } from '../index.js';

const MiB = 1024 * 1024;

describe('ssh2 transport: rekeys during an upload', () => {
  it('streams 48 MiB with a rekey every MiB, every byte arriving', async () => {
    await using sshd = await startSshd({ extraConfig: ['RekeyLimit 1M'] });
    await using session = await Session.connect(sshd.hostAlias, {
      transport: ssh2Transport({
        algorithms: { cipher: ['chacha20-poly1305@openssh.com'], kex: ['curve25519-sha256'] },
      }),
      configFile: sshd.sshConfigFile,
    });
    const child = await session.command('sha256sum').stdin('pipe').stdout('pipe').spawn();
    const hash = createHash('sha256');
    function* blocks(): Generator<Buffer> {
      for (let index = 0; index < 48; index++) {
        const block = Buffer.alloc(MiB, index);
        hash.update(block);
        yield block;
      }
    }
    const [, output] = await Promise.all([
      pipeline(Readable.from(blocks()), child.stdin!),
      child.waitWithOutput(),
    ]);
    expect(output.stdout.toString().split(' ')[0]).toBe(hash.digest('hex'));
  }, 60_000);
});
