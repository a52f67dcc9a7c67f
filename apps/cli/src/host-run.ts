// One host of `ossh run`: connect, run the command with its output
// captured, close; every outcome (exit, signal, connection error, Ctrl-C)
// becomes a HostResult, never a rejection. A lost connection, or one that
// did not come up for a reason that may pass, is tried again (--reconnect):
// the command then runs again from the start on the new connection.
import { setTimeout as sleep } from 'node:timers/promises';
import { captureOutput } from './bounded-capture.js';
import { remoteCommand, type RemoteCommandFlags } from './commands/exec.js';
import { formatErrorLine } from './error-line.js';
import { exitCodeForError, exitCodeForStatus, isSshError } from './exit-code.js';
import type { HostEntry } from './host-list.js';
import { firstNonEmptyLine, type HostResult } from './host-result.js';
import { isInterrupt } from './interrupt.js';
import { withSession, type Diagnostics } from './open-session.js';
import { reconnectDelay, shouldReconnect } from './reconnect-policy.js';

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
  /** Connections after the first when one is lost or fails to come up (`--reconnect`). */
  readonly reconnectAttempts: number;
  /** Called before reconnection `attempt` (from 1), with the failure that led to it. */
  readonly onReconnecting: (attempt: number, error: unknown) => void;
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
  for (let reconnects = 0; ; reconnects += 1) {
    try {
      const result = await attemptOnHost(host, settings, started);
      return { ...base, ...result, ...(reconnects === 0 ? {} : { reconnects }) };
    } catch (thrown) {
      const captured = thrown instanceof CapturedFailure ? thrown.captured : undefined;
      const error = thrown instanceof CapturedFailure ? thrown.cause : thrown;
      const retry =
        reconnects < settings.reconnectAttempts &&
        !settings.signal.aborted &&
        !isInterrupt(error) &&
        shouldReconnect(error);
      if (retry) {
        const attempt = reconnects + 1;
        settings.onReconnecting(attempt, error);
        // An interrupt during the wait ends the host as cancelled below.
        const waited = await sleep(reconnectDelay(attempt), true, {
          signal: settings.signal,
        }).catch(() => false);
        if (waited) continue;
      }
      return {
        ...failedResult(base, error, captured, settings, host),
        durationMs: performance.now() - started,
        ...(reconnects === 0 ? {} : { reconnects }),
      };
    }
  }
}

/** One connection's try: the command's result, or a throw (a CapturedFailure once it ran). */
async function attemptOnHost(
  host: HostEntry,
  settings: HostRunSettings,
  started: number,
): Promise<Omit<HostResult, 'host'>> {
  return await withSession(
    {
      destination: host.destination,
      flags: settings.flags,
      diagnostics: settings.diagnostics,
      signal: settings.signal,
      ...(host.port === undefined ? {} : { port: host.port }),
    },
    async (session) => {
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
}

/** The result of a host whose last attempt failed with `error`. */
function failedResult(
  base: Pick<HostResult, 'host' | 'stdout' | 'stderr' | 'outputTruncated'>,
  error: unknown,
  captured: CapturedFailure['captured'] | undefined,
  settings: HostRunSettings,
  host: HostEntry,
): Omit<HostResult, 'durationMs'> {
  // A stream cut off by Ctrl-C fails with the interrupt too, as wait() does.
  const interrupted = isInterrupt(error);
  const remoteFailure = isSshError(error) && error.kind === 'remote';
  return {
    ...base,
    ...captured,
    outcome: interrupted ? 'cancelled' : remoteFailure ? 'failed' : 'error',
    exitCode: interrupted ? 130 : exitCodeForError(error),
    code: remoteFailure && typeof error.exitCode === 'number' ? error.exitCode : null,
    signal: null,
    firstErrorLine: interrupted
      ? 'interrupted'
      : (remoteFailure && firstNonEmptyLine(captured?.stderr ?? '')) ||
        hostErrorLine(error, host.label),
  };
}

/** The one-line error of a host, as the summary and the live status show it (no `ossh: `). */
export function hostErrorLine(error: unknown, label: string): string {
  return formatErrorLine(error, { destination: label }).replace(/^ossh: /, '');
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
