// Live per-host status of `ossh run`: a model of where each host is, and the
// frame a terminal shows while hosts run. Pure, so it is tested without a TTY.
import pc from 'picocolors';
import { formatDuration } from './format-units.js';
import type { HostResult } from './host-result.js';

/** Where one host is in its run. */
export type HostPhase = 'queued' | 'connecting' | 'running' | 'reconnecting' | 'done';

interface HostState {
  readonly host: string;
  phase: HostPhase;
  startedAt: number;
  /** The reconnection under way, while `reconnecting` (or connecting again after it). */
  reconnect: { attempt: number; attempts: number } | undefined;
  result: HostResult | undefined;
}

/** Tracks every host's phase; `renderFrame` draws the live view from it. */
export class FanOutStatus {
  private readonly hosts: HostState[];

  /** @param hosts - host labels in input order. */
  constructor(hosts: readonly string[]) {
    this.hosts = hosts.map((host) => ({
      host,
      phase: 'queued',
      startedAt: 0,
      reconnect: undefined,
      result: undefined,
    }));
  }

  /** The label of host `index`, as given. */
  hostLabel(index: number): string {
    return this.hosts[index]?.host ?? '';
  }

  /** Marks a host as connecting (its lane picked it up). */
  connecting(index: number, now: number): void {
    const state = this.hosts[index];
    if (state === undefined) return;
    state.phase = 'connecting';
    state.startedAt = now;
  }

  /** Marks a host's command as started. */
  running(index: number): void {
    const state = this.hosts[index];
    if (state !== undefined) state.phase = 'running';
  }

  /** Marks a host whose connection was lost as waiting to connect again (`attempt` of `attempts`). */
  reconnecting(index: number, attempt: number, attempts: number): void {
    const state = this.hosts[index];
    if (state === undefined) return;
    state.phase = 'reconnecting';
    state.reconnect = { attempt, attempts };
  }

  /** Records a host's result. */
  finished(index: number, result: HostResult): void {
    const state = this.hosts[index];
    if (state === undefined) return;
    state.phase = 'done';
    state.result = result;
  }

  /** Counts per phase, and failures among the done. */
  counts(): Record<HostPhase, number> & { failed: number } {
    const counts = { queued: 0, connecting: 0, running: 0, reconnecting: 0, done: 0, failed: 0 };
    for (const state of this.hosts) {
      counts[state.phase] += 1;
      if (state.result !== undefined && state.result.outcome !== 'ok') counts.failed += 1;
    }
    return counts;
  }

  /**
   * The live frame: a totals line, then the hosts in flight with their
   * elapsed time, oldest first, at most `maxHostLines` of them.
   */
  renderFrame(now: number, maxHostLines: number, color: boolean): string {
    const paint = pc.createColors(color);
    const counts = this.counts();
    const total = this.hosts.length;
    const failed = counts.failed === 0 ? '' : `, ${paint.red(`${counts.failed} failed`)}`;
    const lines = [
      `${paint.bold(`${counts.done}/${total} done`)}${failed}, ${counts.connecting + counts.running + counts.reconnecting} in flight, ${counts.queued} queued`,
    ];
    const inFlight = this.hosts
      .filter((state) => state.phase !== 'queued' && state.phase !== 'done')
      .sort((left, right) => left.startedAt - right.startedAt);
    for (const state of inFlight.slice(0, Math.max(0, maxHostLines))) {
      const phase =
        state.phase === 'reconnecting'
          ? paint.yellow('reconnecting')
          : state.phase === 'connecting'
            ? paint.yellow('connecting')
            : paint.cyan('running   ');
      const attempt =
        state.reconnect === undefined
          ? ''
          : ` ${paint.dim(`(reconnect ${state.reconnect.attempt}/${state.reconnect.attempts})`)}`;
      lines.push(
        `  ${phase} ${state.host} ${paint.dim(formatDuration(now - state.startedAt))}${attempt}`,
      );
    }
    if (inFlight.length > maxHostLines) {
      lines.push(paint.dim(`  … and ${inFlight.length - maxHostLines} more`));
    }
    return lines.join('\n');
  }
}

/** The line a non-terminal gets when a host finishes: `web-1: exit 0 (120 ms)`. */
export function finishedLine(result: HostResult): string {
  const how =
    result.outcome === 'cancelled'
      ? 'cancelled'
      : result.signal !== null
        ? `killed by ${result.signal} (exit ${result.exitCode})`
        : `exit ${result.exitCode}`;
  const error =
    result.outcome === 'ok' || result.firstErrorLine === '' ? '' : `: ${result.firstErrorLine}`;
  return `${result.host}: ${how} (${formatDuration(result.durationMs)})${error}`;
}
