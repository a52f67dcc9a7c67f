// Integration-test support: a fresh master per test with the native
// transport attached, and the check afterwards that nothing of either is left.
import { existsSync } from 'node:fs';
import type { SpawnTarget, Transport } from '@openssh-ts/session-core';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { afterEach, beforeEach, expect } from 'vitest';
import { startMaster, type TestMaster } from './master-fixture.js';
import { nativeTransport } from './native-transport.js';

/** The current test's master and transport; valid inside a test. */
export interface AttachedTransport {
  master: TestMaster;
  transport: Transport;
}

/** Registers beforeEach/afterEach hooks that attach and tear down; returns the holder. */
export function attachEachTest(): AttachedTransport {
  const attached = {} as AttachedTransport;
  beforeEach(async () => {
    attached.master = await startMaster(harnessSshd());
    attached.transport = await nativeTransport().attach({
      controlSocket: attached.master.controlSocket,
      sshPath: 'ssh',
    });
  });
  afterEach(async () => {
    await attached.transport.detach();
    await attached.master.stop();
    expect(processesMentioning([attached.master.directory])).toEqual([]);
    expect(existsSync(attached.master.directory)).toBe(false);
  });
  return attached;
}

/** An exec target for `line`. */
export function execTarget(line: string): SpawnTarget {
  return { kind: 'exec', commandLine: Buffer.from(line) };
}
