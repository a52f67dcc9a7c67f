// fastGet / fastPut spread over several SFTP sessions of one Session. The
// server is this machine: each SFTP session is a process forked by the sshd
// process that serves the connection (internal-sftp runs in that child), so
// the sessions in use are counted, and one of them killed, from /proc.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from '@openssh-ts/session-core';
import type { SuiteContext } from '@openssh-ts/session-suite';
import { listProcesses, signalQuietly } from '@openssh-ts/test-sshd';
import { describe, expect, it } from 'vitest';
import { Sftp, SftpError } from '../src/index.js';

const FILE_BYTES = 24 << 20;
/** Small blocks and few requests in flight: many stripes per channel, interleaved. */
const SMALL_REQUESTS = { blockSize: 32 * 1024, concurrency: 8 } as const;

/** The sshd process serving the session's connection: the parent of its remote shell. */
async function connectionProcess(session: Session): Promise<number> {
  const output = await session.command('echo').rawArg('$PPID').output();
  const pid = Number(output.stdout.toString());
  expect(pid).toBeGreaterThan(1);
  return pid;
}

/** The session processes (one per open SFTP session here) under the connection. */
function sessionProcesses(connection: number): number[] {
  return listProcesses()
    .filter((entry) => entry.parentPid === connection)
    .map((entry) => entry.pid);
}

/** Polls `condition` (a bound for a fault, not a speed test). */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 15_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function partials(directory: string): string[] {
  return readdirSync(directory).filter((entry) => entry.includes('partial'));
}

/** Registers the parallel-channel tests of the SFTP suite. */
export function sftpParallelTests(context: SuiteContext): void {
  describe('one transfer over several SFTP sessions', () => {
    it('moves a file both ways byte for byte over 4 sessions, with progress, leaving no temporaries', async () => {
      await using session = await context.connect();
      const connection = await connectionProcess(session);
      const sftp = await Sftp.connect(session, { channels: 4 });
      // The server is this machine: its /dev/shm is ours to prepare and check.
      const remote = `/dev/shm/ossh-sftp-parallel-${randomBytes(6).toString('hex')}`;
      const local = context.directory();
      try {
        await sftp.mkdir(remote);
        // One session until a transfer is large enough to want more.
        expect(sessionProcesses(connection)).toHaveLength(1);
        await sftp.writeFile(`${remote}/small`, 'small');
        await sftp.fastGet(`${remote}/small`, join(local, 'small'));
        expect(sessionProcesses(connection)).toHaveLength(1);

        const data = randomBytes(FILE_BYTES);
        writeFileSync(`${remote}/down`, data);
        let got = 0;
        let most = 0;
        await sftp.fastGet(`${remote}/down`, join(local, 'down'), {
          ...SMALL_REQUESTS,
          onProgress: (done, total) => {
            expect(done).toBeGreaterThan(got);
            expect(total).toBe(FILE_BYTES);
            got = done;
            most = Math.max(most, sessionProcesses(connection).length);
          },
        });
        expect(got).toBe(FILE_BYTES);
        expect(readFileSync(join(local, 'down')).equals(data)).toBe(true);
        expect(most).toBeGreaterThan(1);

        let put = 0;
        await sftp.fastPut(join(local, 'down'), `${remote}/up`, {
          ...SMALL_REQUESTS,
          onProgress: (done) => (put = done),
        });
        expect(put).toBe(FILE_BYTES);
        expect(readFileSync(`${remote}/up`).equals(data)).toBe(true);
        // The extra sessions stay open for the next transfer, and only those.
        await eventually(() => sessionProcesses(connection).length === 4, 'four sessions');
        expect(partials(local)).toEqual([]);
        expect(partials(remote)).toEqual([]);
      } finally {
        await sftp.close();
        rmSync(remote, { recursive: true, force: true });
      }
      // close() ends every one of them.
      await eventually(() => sessionProcesses(connection).length === 0, 'no sessions');
    });

    for (const direction of ['fastGet', 'fastPut'] as const) {
      it(`${direction}: one session killed mid-transfer fails it typed, leaving no file and no partial`, async () => {
        await using session = await context.connect();
        const connection = await connectionProcess(session);
        await using sftp = await Sftp.connect(session, { channels: 4 });
        const remote = `/dev/shm/ossh-sftp-parallel-${randomBytes(6).toString('hex')}`;
        const local = context.directory();
        try {
          await sftp.mkdir(remote);
          const [main] = sessionProcesses(connection);
          expect(main).toBeDefined();
          const source = direction === 'fastGet' ? `${remote}/source` : join(local, 'source');
          const target = direction === 'fastGet' ? join(local, 'target') : `${remote}/target`;
          writeFileSync(source, randomBytes(FILE_BYTES));
          let killed: number | undefined;
          const onProgress = (done: number): void => {
            if (killed !== undefined || done < 2 << 20) return;
            // An extra session, never the main one: the main one must still remove the partial.
            killed = sessionProcesses(connection).find((pid) => pid !== main);
            if (killed !== undefined) signalQuietly(killed, 'SIGKILL');
          };
          const failure = await sftp[direction](source, target, { ...SMALL_REQUESTS, onProgress })
            .then(() => new Error('the transfer succeeded'))
            .catch((error: unknown) => error);
          expect(killed).toBeDefined();
          expect(SftpError.isInstance(failure)).toBe(true);
          expect(failure).toMatchObject({ code: 'connection-lost' });
          expect((failure as SftpError).partial).toBeUndefined();
          expect(existsSync(target)).toBe(false);
          expect(partials(local)).toEqual([]);
          expect(partials(remote)).toEqual([]);
          // The Sftp goes on: the dead session is replaced by the next large transfer.
          await sftp[direction](source, target);
          expect(readFileSync(target).equals(readFileSync(source))).toBe(true);
        } finally {
          rmSync(remote, { recursive: true, force: true });
        }
      });
    }
  });
}
