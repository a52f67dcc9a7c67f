import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestSshdError } from './errors.js';

/** Name of the unprivileged account the harness creates when it runs as root. */
export const DEDICATED_TEST_USER = 'ossh-test';

/** A login account the harness sshd lets in. */
export interface LoginUser {
  readonly name: string;
  readonly home: string;
}

function lookUp(name: string): LoginUser | undefined {
  try {
    const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim();
    const fields = line.split(':');
    return { name, home: fields[5] ?? '/' };
  } catch {
    return undefined;
  }
}

/**
 * Chooses the login user. Running as root, the default is a dedicated account
 * whose login shell is /bin/sh, so the machine's rc files and root's
 * environment do not distort results; it is created on first use. Its
 * password field is set to `*` because sshd with `UsePAM no` refuses an
 * account whose password is locked (`!`), which is what `useradd` leaves.
 */
export async function resolveLoginUser(requested: string | undefined): Promise<LoginUser> {
  const current = userInfo();
  const name = requested ?? (current.uid === 0 ? DEDICATED_TEST_USER : current.username);
  const existing = lookUp(name);
  if (existing) return existing;
  if (name !== DEDICATED_TEST_USER || current.uid !== 0) {
    throw new TestSshdError(
      'user-setup-failed',
      `login user ${name} does not exist on this machine`,
    );
  }
  // Several test runs may race to create the account; useradd takes a lock
  // and the loser either fails on the lock or finds the account made.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      execFileSync('useradd', ['--create-home', '--shell', '/bin/sh', '--password', '*', name], {
        stdio: 'pipe',
      });
    } catch {
      // Fall through to the look-up below.
    }
    const made = lookUp(name);
    if (made) return made;
    await sleep(100);
  }
  throw new TestSshdError(
    'user-setup-failed',
    `could not create login user ${name} (useradd failed)`,
  );
}
