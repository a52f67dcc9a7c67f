import { spawn } from 'node:child_process';

/** Asks a master to exit (`ssh -O exit`) without a transport, e.g. when attaching failed. */
export function exitMaster(sshPath: string, controlSocket: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(
      sshPath,
      ['-S', controlSocket, '-o', 'BatchMode=yes', '-O', 'exit', 'none'],
      { stdio: 'ignore' },
    );
    child.once('error', () => resolve());
    child.once('close', () => resolve());
  });
}
