import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestSshdError } from './errors.js';
import { resolveShellPath } from './login-shell.js';

/** Name of the unprivileged account the harness creates when it runs as root. */
export const DEDICATED_TEST_USER = 'ossh-test';

/** A login account the harness sshd lets in. */
export interface LoginUser {
  /** The account name. */
  readonly name: string;
  /** Its home directory, as /etc/passwd says. */
  readonly home: string;
  /** The account's login shell, as /etc/passwd says. */
  readonly shell: string;
}

function lookUp(name: string): LoginUser | undefined {
  try {
    const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim();
    const fields = line.split(':');
    return { name, home: fields[5] ?? '/', shell: fields[6] ?? '' };
  } catch {
    return undefined;
  }
}

// Several test runs may race to create (or re-shell) the account; useradd
// and usermod take a lock and the loser either fails on it or finds the
// account done. The password field is `*` because sshd with `UsePAM no`
// refuses an account whose password is locked (`!`), which is what useradd
// leaves.
async function ensureAccount(name: string, shell: string): Promise<LoginUser> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const existing = lookUp(name);
    if (existing?.shell === shell) return existing;
    try {
      const command = existing === undefined ? 'useradd' : 'usermod';
      const create = existing === undefined ? ['--create-home'] : [];
      execFileSync(command, [...create, '--shell', shell, '--password', '*', name], {
        stdio: 'pipe',
      });
    } catch {
      await sleep(100);
    }
  }
  throw new TestSshdError(
    'user-setup-failed',
    `could not create login user ${name} with shell ${shell} (useradd failed)`,
  );
}

/**
 * Chooses the login user. Running as root, the default is a dedicated account
 * whose login shell is /bin/sh, so the machine's rc files and root's
 * environment do not distort results; it is created on first use.
 *
 * With `loginShell` (root only), the account is `ossh-test-<shell>` whose
 * login shell really is that shell (see `login-shell.ts`): the remote side
 * then parses every command line with it, as on a server where that is the
 * user's shell.
 */
export async function resolveLoginUser(
  requested: string | undefined,
  loginShell?: string,
): Promise<LoginUser> {
  const current = userInfo();
  if (loginShell !== undefined) {
    if (current.uid !== 0 || requested !== undefined) {
      throw new TestSshdError(
        'user-setup-failed',
        `loginShell needs the harness to run as root (it creates the account ${DEDICATED_TEST_USER}-${loginShell}) and no explicit user`,
      );
    }
    return ensureAccount(`${DEDICATED_TEST_USER}-${loginShell}`, resolveShellPath(loginShell));
  }
  const name = requested ?? (current.uid === 0 ? DEDICATED_TEST_USER : current.username);
  const existing = lookUp(name);
  if (existing) return existing;
  if (name !== DEDICATED_TEST_USER || current.uid !== 0) {
    throw new TestSshdError(
      'user-setup-failed',
      `login user ${name} does not exist on this machine`,
    );
  }
  return ensureAccount(name, '/bin/sh');
}
