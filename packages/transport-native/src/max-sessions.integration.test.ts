import { existsSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { processesMentioning, startSshd } from '@openssh-ts/test-sshd';
import { describe, expect, it } from 'vitest';
import { startMaster } from './master-fixture.js';
import { nativeTransport } from './native-transport.js';

describe('native transport: more commands than MaxSessions', () => {
  it('runs 1,000 concurrent commands on a MaxSessions 10 server, all successfully', async () => {
    await using sshd = await startSshd({ maxSessions: 10 });
    const master = await startMaster(sshd);
    const transport = await nativeTransport().attach({
      controlSocket: master.controlSocket,
      sshPath: 'ssh',
    });
    try {
      const outputs = await Promise.all(
        Array.from({ length: 1000 }, async (_, index) => {
          const child = await transport.spawn({
            target: { kind: 'exec', commandLine: Buffer.from(`echo ${index}`) },
            stdin: 'null',
            stdout: 'pipe',
            stderr: 'null',
          });
          const [stdout, exit] = await Promise.all([text(child.stdout!), child.wait()]);
          return { stdout, code: exit.code };
        }),
      );
      expect(outputs).toEqual(
        Array.from({ length: 1000 }, (_, index) => ({ stdout: `${index}\n`, code: 0 })),
      );
    } finally {
      await transport.detach();
      await master.stop();
    }
    expect(processesMentioning([master.directory])).toEqual([]);
    expect(existsSync(master.directory)).toBe(false);
  });
});
