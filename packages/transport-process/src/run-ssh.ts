import { spawn } from 'node:child_process';
import { formatCommandLine, SshError, trace } from '@openssh-ts/session-core';

/** What a short-lived ssh process left behind. */
export interface SshResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

// Control requests answer in a line or two; more is not worth keeping.
const OUTPUT_LIMIT = 64 * 1024;

/** Runs `sshPath argv` with stdin closed and collects (bounded) output. */
export function runSsh(
  sshPath: string,
  argv: readonly string[],
  signal?: AbortSignal,
): Promise<SshResult> {
  return new Promise((resolve, reject) => {
    trace('ssh', () => `control: ${formatCommandLine(sshPath, argv)}`);
    const child = spawn(sshPath, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(signal === undefined ? {} : { signal }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      if (stdout.length < OUTPUT_LIMIT) stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      if (stderr.length < OUTPUT_LIMIT) stderr += text;
    });
    child.once('error', (error) => {
      if (signal?.aborted === true) reject(signal.reason as Error);
      else reject(new SshError('ssh', `cannot run ${sshPath}: ${error.message}`, { cause: error }));
    });
    child.once('close', (code, exitSignal) =>
      resolve({ code, signal: exitSignal, stdout, stderr }),
    );
  });
}
