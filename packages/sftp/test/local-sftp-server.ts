// Test support: the real OpenSSH sftp-server as a local child process, its
// stdout/stdin as the client's streams. Exercises the protocol engine
// against the reference server without sshd; the sshd path is covered by
// the *.integration.test.ts files.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sftp, type SftpOptions } from '../src/index.js';

export const SFTP_SERVER = '/usr/lib/openssh/sftp-server';

/** A local sftp-server in a fresh temp directory, plus a connected client. */
export interface LocalSftp extends AsyncDisposable {
  readonly sftp: Sftp;
  readonly directory: string;
  readonly child: ChildProcess;
}

function unprivilegedUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = execFileSync('id', ['-u', 'ossh-test'], { encoding: 'utf8' })
      .trim()
      .concat(':', execFileSync('id', ['-g', 'ossh-test'], { encoding: 'utf8' }).trim())
      .split(':')
      .map(Number);
    return uid === undefined || gid === undefined ? undefined : { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * Starts sftp-server with its start directory set to a new temp directory.
 * As root it runs as `ossh-test` (when that account exists) so permission
 * errors are real.
 */
export async function startLocalSftp(
  options: SftpOptions & { extraArguments?: string[] } = {},
): Promise<LocalSftp> {
  // tmpfs when there is one: tests that create thousands of files stay fast
  // even when the disk is busy.
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const directory = await mkdtemp(join(base, 'ossh-sftp-'));
  const user = unprivilegedUser();
  if (user) chownSync(directory, user.uid, user.gid);
  const child = spawn(SFTP_SERVER, ['-d', directory, ...(options.extraArguments ?? [])], {
    cwd: directory,
    stdio: ['pipe', 'pipe', 'ignore'],
    ...(user ?? {}),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const sftp = await Sftp.fromStreams(child.stdout, child.stdin, {
    ...options,
    onClose: () => exited,
  });
  return {
    sftp,
    directory,
    child,
    async [Symbol.asyncDispose]() {
      await sftp.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
