import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SshdInfo } from '@openssh-ts/test-sshd';

const execFileAsync = promisify(execFile);

/** What the real ssh says to a strict, unattended login that trusts only `knownHostsFile`. */
export async function strictSshLogin(
  sshd: SshdInfo,
  knownHostsFile: string,
): Promise<{ ok: boolean; stderr: string }> {
  // prettier-ignore
  const argv = [
    '-F', 'none',
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${knownHostsFile}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'IdentitiesOnly=yes',
    '-i', sshd.identityFile,
    '-p', String(sshd.port),
    '-l', sshd.user,
    sshd.host,
    'true',
  ];
  return execFileAsync('ssh', argv, { timeout: 20_000 }).then(
    () => ({ ok: true, stderr: '' }),
    (error: { stderr: string }) => ({ ok: false, stderr: error.stderr }),
  );
}
