import { spawn } from 'node:child_process';
import { formatCommandLine, trace } from './trace.js';

/** Asks a master to exit (`ssh -O exit`) without a transport, e.g. when attaching failed. */
export function exitMaster(sshPath: string, controlSocket: string): Promise<void> {
  return new Promise((resolve) => {
    const argv = ['-S', controlSocket, '-o', 'BatchMode=yes', '-O', 'exit', 'none'];
    trace('ssh', () => `exit master: ${formatCommandLine(sshPath, argv)}`);
    const child = spawn(sshPath, argv, { stdio: 'ignore' });
    child.once('error', () => resolve());
    child.once('close', () => resolve());
  });
}
