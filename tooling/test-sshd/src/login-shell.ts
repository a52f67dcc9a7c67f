// Login shells the harness can give its test account. sshd runs a command as
// `<shell> -c <line>` with argv[0] set to the shell's base name, so busybox
// becomes ash only through a link named `ash`: the harness makes one in a
// fixed place (the account's shell must be a stable path, since concurrent
// test runs share the account). Shells are looked up in the system's bin
// directories, not on PATH: a test that replaces PATH (hideSsh() puts a
// temporary directory of links there) would otherwise re-shell the shared
// account to a link in a directory the account cannot enter, which is
// removed after the run.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { TestSshdError } from './errors.js';
import { findSystemExecutable } from './find-executable.js';

/** Login shells `startSshd({ loginShell })` can give the test account. */
export type LoginShellName =
  'sh' | 'dash' | 'bash' | 'zsh' | 'mksh' | 'ash' | 'fish' | 'tcsh' | 'csh';

/** Every {@link LoginShellName}. */
export const LOGIN_SHELLS: readonly LoginShellName[] = [
  'sh',
  'dash',
  'bash',
  'zsh',
  'mksh',
  'ash',
  'fish',
  'tcsh',
  'csh',
];

const BUSYBOX_LINKS = '/usr/local/libexec/openssh-ts-test';

function busyboxAsh(): string | undefined {
  const busybox = findSystemExecutable('busybox');
  if (busybox === undefined) return undefined;
  const link = join(BUSYBOX_LINKS, 'ash');
  mkdirSync(BUSYBOX_LINKS, { recursive: true, mode: 0o755 });
  try {
    symlinkSync(busybox, link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return link;
}

/** The absolute path of login shell `name`; throws `user-setup-failed` when it is not installed. */
export function resolveShellPath(name: string): string {
  if (!(LOGIN_SHELLS as readonly string[]).includes(name)) {
    throw new TestSshdError('user-setup-failed', `unknown login shell ${JSON.stringify(name)}`);
  }
  const path = findSystemExecutable(name) ?? (name === 'ash' ? busyboxAsh() : undefined);
  if (path === undefined) {
    throw new TestSshdError(
      'user-setup-failed',
      `login shell ${name} is not installed: run \`bash scripts/quickstart.sh test\`, which installs it`,
    );
  }
  return path;
}
