import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import {
  formatCommandLine,
  SshError,
  stripSshNoise,
  trace,
  type SpawnRequest,
} from '@openssh-ts/session-core';
import { holdStdout } from './held-stdout.js';
import type { MasterControl } from './master-control.js';
import { masterFailure } from './master-failure.js';
import { ProcessChild } from './process-child.js';
import { PidReportScanner } from './pid-report.js';
import { PreambleScanner } from './session-preamble.js';
import type { SlotLease } from './session-slots.js';
import { routeInput, routeOutput, stdinMode, stdoutMode } from './stdio-routing.js';

/** How one attempt to start a session ended. */
export type StartOutcome =
  { readonly kind: 'opened'; readonly child: ProcessChild } | { readonly kind: 'refused' };

/** Everything one attempt needs. */
export interface StartAttempt {
  readonly sshPath: string;
  readonly argv: readonly string[];
  readonly request: SpawnRequest;
  readonly control: MasterControl;
  readonly masterLog: string | undefined;
  readonly lease: SlotLease;
  /** Variables ssh sends with the session (named by SendEnv in `argv`). */
  readonly environment: readonly (readonly [string, string])[];
  /** The command line starts with the pid report (`pid-report.ts`), to be cut from stderr. */
  readonly reportsPid: boolean;
  readonly controlSocket: string;
}

/**
 * Spawns one `ssh` mux client and waits for the verdict in its stderr
 * preamble, and then for the remote shell's pid report when the line has
 * one: opened (the stdio is wired as asked and the child returned),
 * refused by the server (the caller retries), or failed before opening.
 * The lease is released when the ssh process ends.
 */
export function startSession(attempt: StartAttempt): Promise<StartOutcome> {
  const { request, lease } = attempt;
  trace('ssh', () => `command: ${formatCommandLine(attempt.sshPath, attempt.argv)}`);
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(attempt.sshPath, attempt.argv, {
      stdio: [stdinMode(request.stdin), stdoutMode(request.stdout), 'pipe'],
      ...(attempt.environment.length === 0
        ? {}
        : { env: { ...process.env, ...Object.fromEntries(attempt.environment) } }),
    });
  } catch (error) {
    // spawn throws synchronously for what the kernel refuses outright
    // (E2BIG: an argument over MAX_ARG_STRLEN); the slot goes back.
    lease.release();
    const code = (error as NodeJS.ErrnoException).code;
    return Promise.reject(
      new SshError(
        code === 'E2BIG' ? 'invalid-command' : 'ssh',
        code === 'E2BIG'
          ? 'the command line is too long for the local ssh (E2BIG); send large data on stdin'
          : `cannot run ${attempt.sshPath}: ${(error as Error).message}`,
        { cause: error },
      ),
    );
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // A failed spawn may never emit 'exit'.
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  void exited.then(() => lease.release());
  // Held from now: its reader comes only with the verdict on stderr, and
  // ssh may exit before that is read (held-stdout.ts).
  const stdout = holdStdout(child.stdout);
  const stderr = child.stderr as Readable;
  const scanner = new PreambleScanner();

  return new Promise<StartOutcome>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      stdout.discard();
      reject(request.signal?.reason as Error);
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted === true) onAbort();

    const open = (rest: Buffer, processGroup: number | null): void => {
      stderr.off('readable', onReadable);
      request.signal?.removeEventListener('abort', onAbort);
      if (settled) return;
      settled = true;
      // After its end a stream takes no unshift: then the rest is all there is.
      let remoteStderr: Readable = stderr;
      if (stderr.readableEnded) remoteStderr = Readable.from(rest.length > 0 ? [rest] : []);
      else if (rest.length > 0) stderr.unshift(rest);
      const out = routeOutput(stdout.take(), request.stdout);
      const err = routeOutput(remoteStderr, request.stderr);
      const processChild = new ProcessChild(
        {
          process: child,
          stdin: routeInput(child.stdin, request.stdin),
          stdout: out.exposed,
          stderr: err.exposed,
          delivered: Promise.all([out.delivered, err.delivered]).then(() => undefined),
          control: attempt.control,
          masterLog: attempt.masterLog,
          preamble: scanner.text,
          processGroup,
          sshPath: attempt.sshPath,
          controlSocket: attempt.controlSocket,
        },
        exited,
      );
      resolve({ kind: 'opened', child: processChild });
    };
    // Set once the preamble says "opened" and the pid report is still to come.
    let reportScanner: PidReportScanner | undefined;
    function onReadable(): void {
      for (
        let chunk = stderr.read() as Buffer | null;
        chunk !== null;
        chunk = stderr.read() as Buffer | null
      ) {
        if (reportScanner === undefined) {
          const verdict = scanner.push(chunk);
          if (verdict.state === 'pending') continue;
          lease.opened();
          if (!attempt.reportsPid) {
            open(verdict.rest, null);
            return;
          }
          reportScanner = new PidReportScanner();
          chunk = verdict.rest;
        }
        const report = reportScanner.push(chunk);
        if (report.state === 'done') {
          open(report.rest, report.pid);
          return;
        }
      }
    }
    stderr.on('readable', onReadable);

    void Promise.all([exited, new Promise((done) => stderr.once('close', done))]).then(
      async ([{ code }]) => {
        request.signal?.removeEventListener('abort', onAbort);
        if (settled) return;
        if (reportScanner !== undefined) {
          // Opened, but the command ended without a pid report (a line that
          // failed to parse prints none): what came is its stderr.
          open(reportScanner.giveUp().rest, null);
          return;
        }
        settled = true;
        stdout.discard();
        if (spawnError !== undefined) {
          reject(
            new SshError('ssh', `cannot run ${attempt.sshPath}: ${spawnError.message}`, {
              cause: spawnError,
            }),
          );
        } else if (scanner.refused) {
          resolve({ kind: 'refused' });
        } else if (!(await attempt.control.alive())) {
          reject(await masterFailure(attempt.masterLog, scanner.text));
        } else {
          const message = stripSshNoise(scanner.text.replace(/^(OpenSSH_.*|debug\d: .*)$/gm, ''));
          reject(
            new SshError(
              'ssh',
              `ssh exited with ${String(code)} before the session opened: ${message}`,
              { sshOutput: message },
            ),
          );
        }
      },
    );
  });
}
