// Volume and concurrency: the crate's 20 MiB read and sftp subsystem, plus
// 1 GiB streamed in bounded memory and 200 commands against MaxSessions 10.
import { startSshd } from '@openssh-ts/test-sshd';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './suite-context.js';

const MIB = 1024 * 1024;

/** Registers the volume and concurrency tests. */
export function scaleTests(context: SuiteContext): void {
  describe('volume and concurrency', () => {
    it('streams 1 GiB through stdout with this process staying under 150 MB RSS', async () => {
      await using session = await context.connect();
      const child = await session
        .command('head')
        .args(['-c', String(1024 * MIB), '/dev/zero'])
        .stdout('pipe')
        .spawn();
      let received = 0;
      let highestRss = process.memoryUsage.rss();
      let chunks = 0;
      for await (const chunk of child.stdout ?? []) {
        received += (chunk as Buffer).length;
        if (++chunks % 64 === 0) highestRss = Math.max(highestRss, process.memoryUsage.rss());
      }
      expect((await child.wait()).success).toBe(true);
      expect(received).toBe(1024 * MIB);
      expect(highestRss).toBeLessThan(150 * 1000 * 1000);
    });

    it("reads 20 MiB of output fully (the crate's large-file bug)", async () => {
      await using session = await context.connect();
      const { status, stdout } = await session
        .shell('dd if=/dev/zero bs=1024 count=20480 2>/dev/null')
        .output();
      expect(status.success).toBe(true);
      expect(stdout.length).toBe(20 * MIB);
      expect(stdout.every((byte) => byte === 0)).toBe(true);
    });

    it('runs 200 commands at once on a server with MaxSessions 10, every one succeeding', async () => {
      await using sshd = await startSshd({ maxSessions: 10 });
      await using session = await context.connect({}, sshd.info);
      const outputs = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          session.command('echo').arg(String(index)).output(),
        ),
      );
      expect(outputs.map((output) => output.stdout.toString())).toEqual(
        outputs.map((_, index) => `${index}\n`),
      );
      await session.close();
    });

    it('sftp subsystem: the server answers SSH_FXP_INIT with SSH_FXP_VERSION', async () => {
      await using session = await context.connect();
      const child = await session.subsystem('sftp').stdin('pipe').stdout('pipe').spawn();
      // uint32 length 5, byte SSH_FXP_INIT (1), uint32 version 3.
      child.stdin?.write(Uint8Array.of(0, 0, 0, 5, 1, 0, 0, 0, 3));
      let reply = Buffer.alloc(0);
      for await (const chunk of child.stdout ?? []) {
        reply = Buffer.concat([reply, chunk as Buffer]);
        if (reply.length >= 4 && reply.length >= 4 + reply.readUInt32BE(0)) break;
      }
      expect(reply[4]).toBe(2);
      expect(reply.readUInt32BE(5)).toBe(3);
      child.stdin?.end();
      expect((await child.wait()).success).toBe(true);
    });
  });
}
