// SFTP transfers cut off on a real link: through the link relay, a fastPut
// and a fastGet of 32 MiB each are in flight when the link is partitioned,
// reset or half-closed, or the ControlMaster is killed. Both must reject
// with connection-lost within the detection bound + 1 s, neither may leave
// a file under its final name, the local partial file is gone, and the
// remote one (the session can no longer reach it) is named in the error.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LinkRelay, startLinkRelay } from '@openssh-ts/link-relay';
import {
  FAULT_DEADLINE_MS,
  FAULT_KEEPALIVE,
  LINK_FAULTS,
  throughRelay,
  type SuiteContext,
} from '@openssh-ts/session-suite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Sftp, type SftpError } from '../src/index.js';

const FILE_BYTES = 32 << 20;
/** Bytes each transfer must have moved before the fault. */
const BEFORE_FAULT = 2 << 20;

/** Registers the link fault tests of the SFTP suite. */
export function sftpLinkFaultTests(context: SuiteContext): void {
  describe('transfers cut off on the link (through the link relay)', () => {
    let relay: LinkRelay | undefined;
    beforeAll(async () => {
      const sshd = context.sshd();
      // 400 Mbit/s: 32 MiB each way takes most of a second, so every fault lands mid-transfer.
      relay = await startLinkRelay({
        target: { host: sshd.host, port: sshd.port },
        rateMbitPerSecond: 400,
      });
    });
    afterEach(async () => {
      await relay?.heal();
    });
    afterAll(async () => {
      await relay?.close();
    });

    const faults: Record<
      string,
      (link: LinkRelay, carriers: readonly number[]) => Promise<void> | void
    > = {
      ...LINK_FAULTS,
      // On a transport with its own connection: the sshd process serving it.
      'killed master': (_link, carriers) => {
        for (const pid of carriers) process.kill(pid, 'SIGKILL');
      },
    };
    for (const [name, inject] of Object.entries(faults)) {
      it(`${name}: a fastPut and a fastGet leave no file under the final name, the remote partial named`, async () => {
        const link = relay!;
        const session = await context.connect(
          { ...FAULT_KEEPALIVE, ...throughRelay(link) },
          { ...context.sshd(), port: link.port },
        );
        // The server is this machine: its /dev/shm is ours to prepare and check.
        const remote = `/dev/shm/ossh-sftp-fault-${randomBytes(6).toString('hex')}`;
        const local = context.directory();
        try {
          const carriers = await context.connectionCarriers(session);
          expect(carriers.length).toBe(1);
          expect(carriers[0]).toBeGreaterThan(1);
          const sftp = await Sftp.connect(session);
          await sftp.mkdir(remote);
          writeFileSync(join(local, 'up'), randomBytes(FILE_BYTES));
          writeFileSync(`${remote}/down`, randomBytes(FILE_BYTES));
          let put = 0;
          let got = 0;
          const putting = sftp
            .fastPut(join(local, 'up'), `${remote}/up`, { onProgress: (done) => (put = done) })
            .catch((error: unknown) => ({ error, at: Date.now() }));
          const getting = sftp
            .fastGet(`${remote}/down`, join(local, 'down'), {
              onProgress: (done) => (got = done),
            })
            .catch((error: unknown) => ({ error, at: Date.now() }));
          for (let waited = 0; put < BEFORE_FAULT || got < BEFORE_FAULT; waited += 10) {
            if (waited > 30_000) throw new Error('the transfers did not start');
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          const faultAt = Date.now();
          await inject(link, carriers);
          const [putFailure, getFailure] = await Promise.all([putting, getting]);
          for (const failure of [putFailure, getFailure]) {
            expect(failure).toMatchObject({ error: { code: 'connection-lost' } });
            expect((failure as { at: number }).at - faultAt).toBeLessThan(FAULT_DEADLINE_MS);
          }
          expect(existsSync(join(local, 'down'))).toBe(false);
          expect(readdirSync(local).filter((entry) => entry.includes('partial'))).toEqual([]);
          expect(existsSync(`${remote}/up`)).toBe(false);
          const partial = (putFailure as { error: SftpError }).error.partial;
          expect(partial).toMatch(new RegExp(`^${remote}/up\\.ossh-partial-[0-9a-f]+$`));
          expect(readdirSync(remote).filter((entry) => entry.includes('partial'))).toEqual(
            partial === undefined ? [] : [partial.slice(remote.length + 1)],
          );
          await sftp.close();
        } finally {
          await session.close().catch(() => undefined);
          rmSync(remote, { recursive: true, force: true });
        }
      });
    }
  });
}
