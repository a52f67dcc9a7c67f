import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { TestSshdError } from './errors.js';
import { DEDICATED_TEST_USER } from './login-user.js';

const execFileAsync = promisify(execFile);

/**
 * Which logins beyond keys a harness sshd accepts:
 * - `password`: PAM asks one question, the account password, for both the
 *   `password` and the `keyboard-interactive` methods.
 * - `two-prompts`: `keyboard-interactive` only, and PAM asks twice: the
 *   account password (`Password: `), then a second answer
 *   (`STRESS Password: `), both checked.
 */
export type InteractiveLogins = 'password' | 'two-prompts';

/** The answers an interactive harness sshd expects. */
export interface InteractiveLoginSecrets {
  /** The login user's account password (the same for every instance on this machine). */
  readonly password: string;
  /** The answer to the second prompt of `two-prompts`. */
  readonly secondAnswer: string;
}

/**
 * Machine-wide, root-only state: every harness sshd on this machine (other
 * test runs start their own concurrently) must agree on the one account
 * password, so it is generated once and kept here rather than per instance.
 */
const STATE_DIRECTORY = '/var/lib/ossh-test';
const SECOND_ANSWER_CHECKER = join(STATE_DIRECTORY, 'check-second-answer');

/** sshd names its PAM service after the program name it was started as. */
function serviceName(logins: InteractiveLogins): string {
  return logins === 'password' ? 'ossh-test-sshd' : 'ossh-test-sshd-two-prompts';
}

function pamStack(logins: InteractiveLogins): string {
  const auth =
    logins === 'password'
      ? ['auth required pam_unix.so nodelay']
      : [
          'auth required pam_unix.so nodelay',
          // pam_unix keeps the first answer as PAM_AUTHTOK, so a second
          // pam_unix would not ask again. pam_stress always asks (its own
          // "STRESS Password: " prompt) and replaces PAM_AUTHTOK with the
          // answer, which pam_exec then hands the checker on stdin.
          'auth required pam_stress.so',
          `auth required pam_exec.so expose_authtok quiet ${SECOND_ANSWER_CHECKER}`,
        ];
  return [
    '# Written by openssh-ts tooling/test-sshd for its loopback test sshd only.',
    ...auth,
    'account required pam_permit.so',
    'session required pam_permit.so',
    'password required pam_deny.so',
    '',
  ].join('\n');
}

/** Writes a file whole or not at all: concurrent harnesses may write the same one. */
async function writeAtomically(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}`;
  await writeFile(temporary, content, { mode });
  await rename(temporary, path);
}

/** Reads a secret kept in the state directory, making it first if no one has. */
async function keptSecret(name: string): Promise<string> {
  const path = join(STATE_DIRECTORY, name);
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    // Made below; link() lets exactly one concurrent harness win.
  }
  const temporary = `${path}.${randomBytes(6).toString('hex')}`;
  await writeFile(temporary, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  try {
    await link(temporary, path);
  } catch {
    // Another harness made it first: use theirs.
  } finally {
    await unlink(temporary);
  }
  return (await readFile(path, 'utf8')).trim();
}

async function setAccountPassword(user: string, password: string): Promise<void> {
  let lastError: unknown;
  // chpasswd fails while another one holds the shadow lock; it writes the
  // same value, so retrying is all it takes.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      const child = execFileAsync('chpasswd', [], { timeout: 20_000 });
      child.child.stdin?.end(`${user}:${password}\n`);
      await child;
      return;
    } catch (error) {
      lastError = error;
      await sleep(100);
    }
  }
  throw new TestSshdError(
    'user-setup-failed',
    `could not set the password of ${user} (chpasswd failed; apt-get install passwd)`,
    { cause: lastError },
  );
}

/**
 * Prepares this machine for an interactive harness sshd: the account
 * password, the PAM service and its checker, and a link to sshd in the
 * instance directory whose name selects that PAM service. Returns the
 * program to start as sshd and the answers it expects.
 */
export async function prepareInteractiveLogins(options: {
  readonly logins: InteractiveLogins;
  readonly user: string;
  readonly sshdPath: string;
  readonly directory: string;
}): Promise<{ readonly program: string; readonly secrets: InteractiveLoginSecrets }> {
  if (process.getuid?.() !== 0 || options.user !== DEDICATED_TEST_USER) {
    throw new TestSshdError(
      'needs-root',
      `interactiveLogins sets the password of the dedicated account ${DEDICATED_TEST_USER} ` +
        'and writes a PAM service, so it runs only as root with the default login user',
    );
  }
  await mkdir(STATE_DIRECTORY, { recursive: true, mode: 0o700 });
  const password = await keptSecret('password');
  const secondAnswer = await keptSecret('second-answer');
  await setAccountPassword(options.user, password);
  await writeAtomically(
    SECOND_ANSWER_CHECKER,
    `#!/bin/sh\n[ "$(cat)" = "$(cat ${join(STATE_DIRECTORY, 'second-answer')})" ]\n`,
    0o700,
  );
  const service = serviceName(options.logins);
  await writeAtomically(join('/etc/pam.d', service), pamStack(options.logins), 0o644);
  const program = join(options.directory, service);
  await symlink(options.sshdPath, program);
  return { program, secrets: { password, secondAnswer } };
}

/** sshd_config lines that turn the interactive logins on. */
export function interactiveSshdConfig(logins: InteractiveLogins): string[] {
  return [
    'UsePAM yes',
    // With two prompts the password method cannot succeed (sshd answers
    // every PAM question with the one password), so only offer what works.
    `PasswordAuthentication ${logins === 'password' ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication yes',
  ];
}
