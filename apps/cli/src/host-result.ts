// The outcome of one host in `ossh run`, as the summary table and --json see it.

/** How one host's run ended. */
export type HostOutcome = 'ok' | 'failed' | 'error' | 'cancelled';

/** One host's result. */
export interface HostResult {
  /** The host as the user wrote it. */
  readonly host: string;
  readonly outcome: HostOutcome;
  /** ossh's exit code for this host (remote code, 128+n, 255, ...). */
  readonly exitCode: number;
  /** Remote exit code when one arrived, else null. */
  readonly code: number | null;
  /** Remote signal name when the process was killed, else null. */
  readonly signal: string | null;
  readonly durationMs: number;
  /** First non-empty stderr line, or the one-line error; empty when none. */
  readonly firstErrorLine: string;
  /** Captured output, decoded as UTF-8. */
  readonly stdout: string;
  readonly stderr: string;
  /** Whether captured output hit the per-host cap (the rest was counted, not kept). */
  readonly outputTruncated: boolean;
  /** How many times the host was connected again (`--reconnect`); absent when never. */
  readonly reconnects?: number;
}

/**
 * `--json`: one object per host, one line each, field names stable.
 * `exitCode` is ossh's code for the host (the remote code, 128+n for a
 * remote signal named in `signal`, 255 when the connection failed);
 * `reconnects` counts the connections made after the first (`--reconnect`).
 */
export function hostResultJson(result: HostResult): string {
  return JSON.stringify({
    type: 'host',
    host: result.host,
    outcome: result.outcome,
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs: Math.round(result.durationMs),
    stdout: result.stdout,
    stderr: result.stderr,
    outputTruncated: result.outputTruncated,
    reconnects: result.reconnects ?? 0,
    error:
      result.outcome === 'error' || result.outcome === 'cancelled' ? result.firstErrorLine : null,
  });
}

/** `--json`: the last line, counting the hosts by outcome, with ossh's own exit code. */
export function runSummaryJson(results: readonly HostResult[], exitCode: number): string {
  const count = (outcome: HostOutcome): number =>
    results.filter((result) => result.outcome === outcome).length;
  return JSON.stringify({
    type: 'summary',
    hosts: results.length,
    ok: count('ok'),
    failed: count('failed'),
    error: count('error'),
    cancelled: count('cancelled'),
    exitCode,
  });
}

/** The first non-empty line of some text, trimmed; empty when none. */
export function firstNonEmptyLine(text: string): string {
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed;
  }
  return '';
}
