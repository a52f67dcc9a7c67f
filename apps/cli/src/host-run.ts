// One host of `ossh run`: connect, run the command with its output
// captured, close; every outcome (exit, signal, connection error, Ctrl-C)
// becomes a HostResult, never a rejection.
import { captureOutput } from './bounded-capture.js';
import { remoteCommand, type RemoteCommandFlags } from './commands/exec.js';
import { formatErrorLine } from './error-line.js';
import { exitCodeForError, exitCodeForStatus, isSshError } from './exit-code.js';
import type { HostEntry } from './host-list.js';
import { firstNonEmptyLine, type HostResult } from './host-result.js';
import { isInterrupt } from './interrupt.js';
import { withSession, type Diagnostics } from './open-session.js';

/** Output kept per host and stream; the rest is counted and flagged. */
export const MAX_CAPTURED_BYTES = 1024 * 1024;

/** What every host of one run shares. */
export interface HostRunSettings {
  readonly words: readonly string[];
  readonly flags: RemoteCommandFlags;
  readonly diagnostics: Diagnostics;
  readonly signal: AbortSignal;
  /** Called once the host is connected and its command started. */
  readonly onRunning: () => void;
}

/** Runs the command on one host. */
export async function runOnHost(host: HostEntry, settings: HostRunSettings): Promise<HostResult> {
  const started = performance.now();
  const base = { host: host.label, stdout: '', stderr: '', outputTruncated: false };
  if (settings.signal.aborted) {
    return {
      ...base,
      outcome: 'cancelled',
      exitCode: 130,
      code: null,
      signal: null,
      durationMs: 0,
      firstErrorLine: 'not started: interrupted',
    };
  }
  try {
    return await withSession(
      {
        destination: host.destination,
        flags: settings.flags,
        diagnostics: settings.diagnostics,
        signal: settings.signal,
        ...(host.port === undefined ? {} : { port: host.port }),
      },
      async (session): Promise<HostResult> => {
        const child = await remoteCommand(session, settings.words, settings.flags)
          .stdout('pipe')
          .stderr('pipe')
          .signal(settings.signal)
          .spawn();
        settings.onRunning();
        const output = Promise.all([
          captureOutput(child.stdout, MAX_CAPTURED_BYTES),
          captureOutput(child.stderr, MAX_CAPTURED_BYTES),
        ]);
        // Output is awaited even when wait() rejects, so no read is left dangling.
        const [status, [stdout, stderr]] = await Promise.all([
          child.wait().catch((error: unknown) => ({ error })),
          output,
        ]);
        const captured = {
          stdout: stdout.text,
          stderr: stderr.text,
          outputTruncated: stdout.truncated || stderr.truncated,
        };
        const durationMs = performance.now() - started;
        if ('error' in status) throw Object.assign(new CapturedFailure(status.error), { captured });
        const exitCode = exitCodeForStatus(status);
        return {
          ...base,
          ...captured,
          outcome: exitCode === 0 ? 'ok' : 'failed',
          exitCode,
          code: status.code,
          signal: status.signal,
          durationMs,
          firstErrorLine: firstNonEmptyLine(stderr.text),
        };
      },
    );
  } catch (thrown) {
    const captured = thrown instanceof CapturedFailure ? thrown.captured : undefined;
    const error = thrown instanceof CapturedFailure ? thrown.cause : thrown;
    const durationMs = performance.now() - started;
    // After Ctrl-C the first failure to arrive may be a cut-off output stream
    // rather than wait()'s abort, so the signal, not the error, says why.
    const interrupted = isInterrupt(error) || settings.signal.aborted;
    const remoteFailure = isSshError(error) && error.kind === 'remote';
    return {
      ...base,
      ...captured,
      outcome: interrupted ? 'cancelled' : remoteFailure ? 'failed' : 'error',
      exitCode: interrupted ? 130 : exitCodeForError(error),
      code: remoteFailure && typeof error.exitCode === 'number' ? error.exitCode : null,
      signal: null,
      durationMs,
      firstErrorLine: interrupted
        ? 'interrupted'
        : (remoteFailure && firstNonEmptyLine(captured?.stderr ?? '')) ||
          formatErrorLine(error, { destination: host.label }).replace(/^ossh: /, ''),
    };
  }
}

/** Carries a wait() failure out of withSession together with the output read so far. */
class CapturedFailure extends Error {
  captured: { stdout: string; stderr: string; outputTruncated: boolean } = {
    stdout: '',
    stderr: '',
    outputTruncated: false,
  };

  constructor(override readonly cause: unknown) {
    super('the remote command failed', { cause });
  }
}
