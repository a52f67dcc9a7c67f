// Regression (issue 15, point 1): with fish as the login shell every
// `command(...).arg(...)` ran nothing — fish printed "quotes are not
// balanced" — and reported success. The session now finds the login shell's
// family once per connection and quotes for it; every quoting case of the
// suite runs under each login shell the session quotes for, on a harness
// sshd whose test account really has that shell, and csh is refused before
// anything runs.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshError } from '@openssh-ts/session-core';
import { startSshd, type LoginShellName, type TestSshd } from '@openssh-ts/test-sshd';
import { QUOTING_CASES } from './quoting-cases.js';
import type { SuiteContext } from './suite-context.js';
import { leftAfterStop, timeOutSleep } from './suite-remote-lifetime.js';

const QUOTED_SHELLS: readonly LoginShellName[] = ['dash', 'bash', 'zsh', 'mksh', 'ash', 'fish'];

/** Registers the login-shell part of the suite. */
export function loginShellTests(context: SuiteContext): void {
  describe('regression: fish login shell ran nothing and reported success', () => {
    const servers = new Map<LoginShellName, TestSshd>();
    beforeAll(async () => {
      for (const shell of [...QUOTED_SHELLS, 'tcsh'] as const)
        servers.set(shell, await startSshd({ loginShell: shell }));
    }, 60_000);
    afterAll(async () => {
      for (const server of servers.values()) await server.stop();
    });
    const server = (shell: LoginShellName): TestSshd => {
      const found = servers.get(shell);
      if (found === undefined) throw new Error(`no sshd for ${shell}`);
      return found;
    };

    for (const shell of QUOTED_SHELLS) {
      it(`${shell} login shell: every quoting case of the suite arrives byte for byte`, async () => {
        const sshd = server(shell);
        await using session = await context.connect({}, sshd);
        for (const quoting of QUOTING_CASES) {
          await quoting.run(session, sshd).catch((error: unknown) => {
            throw new Error(`${shell}: ${quoting.name}`, { cause: error });
          });
        }
      });
    }

    for (const shell of QUOTED_SHELLS) {
      it(`${shell} login shell: plain first commands run beside the probe, each with its own output and status`, async () => {
        await using session = await context.connect({}, server(shell));
        const [echoed, failed] = await Promise.all([
          session.command('echo').args(['plain', 'words']).output(),
          session.command('ls').arg('/nonexistent-ossh-guard').status(),
        ]);
        expect(echoed.stdout.toString()).toBe('plain words\n');
        expect(echoed.status.success).toBe(true);
        expect(failed).toMatchObject({ success: false, signal: null });
        expect(failed.code).not.toBe(127);
      });
    }

    for (const shell of QUOTED_SHELLS) {
      it(`${shell} login shell: a timed-out sleep is gone from the server`, async () => {
        await using session = await context.connect({}, server(shell));
        const marker = `9315.${process.pid}`;
        try {
          await timeOutSleep(session, marker, 800);
          expect(await leftAfterStop(`sleep ${marker}`)).toEqual([]);
        } finally {
          context.killRemote(`sleep ${marker}`);
        }
      });
    }

    it('fish with remoteShell: fish skips the probe and quotes for fish', async () => {
      const sshd = server('fish');
      await using session = await context.connect({ remoteShell: 'fish' }, sshd);
      const output = await session.command('printf').arg('%s').arg("it's \\ done").output();
      expect(output.stdout.toString()).toBe("it's \\ done");
    });

    it('a tcsh login shell is refused with unsupported-shell naming it, before the command runs', async () => {
      const sshd = server('tcsh');
      await using session = await context.connect({}, sshd);
      const marker = `/tmp/ossh-tcsh-ran-${randomBytes(4).toString('hex')}`;
      const refused = await session
        .command('touch')
        .arg(marker)
        .status()
        .catch((error: unknown) => error);
      expect(SshError.isInstance(refused) && refused.kind).toBe('unsupported-shell');
      expect(SshError.isInstance(refused) && refused.remoteShell).toMatch(/tcsh$/);
      expect(String(refused)).toMatch(/tcsh/);
      expect(existsSync(marker)).toBe(false);
      // Refused for good: the next command is refused again without running.
      await expect(session.command('touch').arg(marker).status()).rejects.toMatchObject({
        kind: 'unsupported-shell',
      });
      expect(existsSync(marker)).toBe(false);
    });
  });
}
