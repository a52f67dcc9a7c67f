import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { describe, expect, it } from 'vitest';
import { startLinkRelay } from './index.js';

const run = promisify(execFile);

describe('link relay in front of the harness sshd', () => {
  it('carries a strict-host-key ssh session with its sshOptions, then counts it gone', async () => {
    const sshd = harnessSshd();
    await using relay = await startLinkRelay({
      target: { host: sshd.host, port: sshd.port },
      delayMs: 10,
    });
    const options = relay.sshOptions.flatMap((option) => ['-o', option]);
    const { stdout } = await run('ssh', [
      '-F',
      sshd.sshConfigFile,
      ...options,
      '-o',
      'StrictHostKeyChecking=yes',
      sshd.hostAlias,
      'echo',
      'through the relay',
    ]);
    expect(stdout).toBe('through the relay\n');
    const stats = await relay.stats();
    expect(stats.bytesToServer).toBeGreaterThan(1000);
    expect(stats.bytesToClient).toBeGreaterThan(1000);
    for (let attempt = 0; attempt < 50 && relay.connectionCount > 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(relay.connectionCount).toBe(0);
  });
});
