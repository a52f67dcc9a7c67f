// Issue 15.5: a command stopped by timeout(), an abort or disconnect() must
// not live on at the server. sshd keeps a terminal-less session (and its
// MaxSessions slot) until the child exits, even once the channel closed,
// so a silent `sleep` left behind held its slot and later commands were
// refused. The "remote" side is this machine: its processes are listed.
import { listProcesses, startSshd } from '@openssh-ts/test-sshd';
import { describe, expect, it } from 'vitest';
import type { Session } from '@openssh-ts/session-core';
import type { SuiteContext } from './suite-context.js';

/** Remote processes whose command line holds `marker`. */
function remoteWith(marker: string): string[] {
  return listProcesses()
    .filter((entry) => entry.pid !== process.pid && entry.commandLine.includes(marker))
    .map((entry) => entry.commandLine);
}

/**
 * What is still running with `marker`, once it has had a bounded while to
 * end (stopping is asynchronous: the signal travels after the rejection).
 */
export async function leftAfterStop(marker: string): Promise<string[]> {
  for (let attempt = 0; attempt < 200 && remoteWith(marker).length > 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return remoteWith(marker);
}

/** Waits until `marker` runs remotely (the command really started). */
async function running(marker: string): Promise<void> {
  for (let attempt = 0; attempt < 200 && remoteWith(marker).length === 0; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(remoteWith(marker).length).toBeGreaterThan(0);
}

/** Runs `sleep <marker>` until `milliseconds` time it out, and expects the timeout. */
export async function timeOutSleep(
  session: Session,
  marker: string,
  milliseconds: number,
): Promise<void> {
  const timedOut = await session
    .command('sleep')
    .arg(marker)
    .timeout(milliseconds)
    .status()
    .catch((error: unknown) => error);
  expect(timedOut).toMatchObject({ kind: 'aborted' });
}

/** Registers the remote-lifetime tests. */
export function remoteLifetimeTests(context: SuiteContext): void {
  describe('remote processes end when the command is stopped', () => {
    it('timeout: the remote sleep, and a sleep it started in the background, are gone', async () => {
      await using session = await context.connect();
      const marker = `9311.${process.pid}`;
      try {
        // Both sleeps are in the session's process group; the background
        // one is what a signal to the shell alone would miss.
        const timedOut = await session
          .shell(`sleep ${marker} & sleep ${marker}; wait`)
          .timeout(1500)
          .output()
          .catch((error: unknown) => error);
        expect(timedOut).toMatchObject({ kind: 'aborted' });
        expect(await leftAfterStop(`sleep ${marker}`)).toEqual([]);
        expect((await session.command('echo').arg('after').output()).stdout.toString()).toBe(
          'after\n',
        );
      } finally {
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('abort: the remote sleep is gone after its AbortSignal fired', async () => {
      await using session = await context.connect();
      const marker = `9312.${process.pid}`;
      try {
        const controller = new AbortController();
        const child = await session.command('sleep').arg(marker).signal(controller.signal).spawn();
        await running(`sleep ${marker}`);
        const reason = new Error('user cancelled');
        controller.abort(reason);
        await expect(child.wait()).rejects.toBe(reason);
        expect(await leftAfterStop(`sleep ${marker}`)).toEqual([]);
      } finally {
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('disconnect: the remote sleep is gone after disconnect(), and wait() says disconnected', async () => {
      await using session = await context.connect();
      const marker = `9313.${process.pid}`;
      try {
        const child = await session.command('sleep').arg(marker).stdout('pipe').spawn();
        await running(`sleep ${marker}`);
        child.disconnect();
        await expect(child.wait()).rejects.toMatchObject({ kind: 'disconnected' });
        expect(await leftAfterStop(`sleep ${marker}`)).toEqual([]);
      } finally {
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('MaxSessions 2: five commands after two timed-out ones all succeed', async () => {
      await using sshd = await startSshd({ maxSessions: 2 });
      await using session = await context.connect({}, sshd.info);
      const marker = `9314.${process.pid}`;
      try {
        for (let index = 0; index < 2; index += 1) await timeOutSleep(session, marker, 1000);
        const outputs = await Promise.all(
          Array.from({ length: 5 }, (_, index) =>
            session.command('echo').arg(String(index)).output(),
          ),
        );
        expect(outputs.map((output) => output.stdout.toString())).toEqual([
          '0\n',
          '1\n',
          '2\n',
          '3\n',
          '4\n',
        ]);
        expect(await leftAfterStop(`sleep ${marker}`)).toEqual([]);
      } finally {
        context.killRemote(`sleep ${marker}`);
      }
      await session.close();
    });
  });
}
