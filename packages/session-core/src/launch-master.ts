import { spawn } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { interpretSshError } from './interpret-ssh-error.js';
import { withMasterMallocTunables } from './master-malloc-tunables.js';
import { readLogTail } from './read-log-tail.js';
import { SshError } from './ssh-error.js';
import { formatCommandLine, trace } from './trace.js';

/** How to run the launching `ssh`. */
export interface LaunchRequest {
  readonly sshPath: string;
  readonly argv: readonly string[];
  readonly masterLog: string;
  readonly sshAuthSock?: string;
  readonly signal?: AbortSignal;
  /** More environment for ssh (the askpass channel's), on top of process.env. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Called with ssh's pid as soon as it runs. */
  readonly onSpawn?: (pid: number) => void;
}

/**
 * Runs `ssh -M -f -N ...` and waits for it: with `-f`, ssh returns once the
 * connection is authenticated and the master has forked into the
 * background. On failure ssh's message is in the log (`-E`), which is read
 * and interpreted into `SshError('connect', { reason })`. On abort, the
 * launching ssh is ended and the promise rejects with the signal's reason.
 */
export function launchMaster(request: LaunchRequest): Promise<void> {
  const { signal } = request;
  if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
  // What ssh prints before it opens the -E log (a bad option, a bad
  // config line) goes to stderr. A file beside the log, not a pipe: with -f
  // the backgrounded master keeps its stderr open, so a pipe would not end.
  const stderrPath = `${request.masterLog}.stderr`;
  let stderrFd: number | 'ignore' = 'ignore';
  try {
    stderrFd = openSync(stderrPath, 'w', 0o600);
  } catch {
    // Not worth failing the launch: the -E log still tells most failures.
  }
  return new Promise<void>((resolve, reject) => {
    trace('ssh', () => `launch master: ${formatCommandLine(request.sshPath, request.argv)}`);
    const child = spawn(request.sshPath, request.argv, {
      stdio: ['ignore', 'ignore', stderrFd],
      env: {
        ...process.env,
        GLIBC_TUNABLES: withMasterMallocTunables(process.env.GLIBC_TUNABLES),
        ...(request.sshAuthSock === undefined ? {} : { SSH_AUTH_SOCK: request.sshAuthSock }),
        ...request.environment,
      },
    });
    if (typeof stderrFd === 'number') closeSync(stderrFd);
    if (child.pid !== undefined) request.onSpawn?.(child.pid);
    let spawnError: Error | undefined;
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => {
      spawnError = error;
    });
    child.once('close', (code, exitSignal) => {
      signal?.removeEventListener('abort', onAbort);
      // Read, then removed: the control directory holds only what it did.
      const stderrRead = readLogTail(stderrPath).then((text) => {
        try {
          rmSync(stderrPath, { force: true });
        } catch {
          // The directory goes with the session anyway.
        }
        return text;
      });
      if (spawnError !== undefined) {
        reject(
          new SshError('ssh', `cannot run ${request.sshPath}: ${spawnError.message}`, {
            cause: spawnError,
          }),
        );
        return;
      }
      if (signal?.aborted === true) {
        reject(signal.reason as Error);
        return;
      }
      if (code === 0) {
        void stderrRead.then(() => resolve());
        return;
      }
      Promise.all([stderrRead, readLogTail(request.masterLog)]).then(
        ([stderr, logged]) => {
          const log = stderr.trim() === '' ? logged : `${stderr.trimEnd()}\n${logged}`;
          const error = interpretSshError(log);
          if (log.trim() === '' && exitSignal !== null) {
            reject(new SshError('master', `ssh was killed by ${exitSignal} while connecting`));
          } else reject(error);
        },
        (error: unknown) =>
          reject(new SshError('master', 'cannot read the master log', { cause: error })),
      );
    });
  });
}
