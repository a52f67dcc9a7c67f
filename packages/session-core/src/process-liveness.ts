import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Whether `pid` runs. A zombie counts as gone: a daemonized master is
 * reparented to init, which in a container may never reap it.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state !== 'Z' && state !== 'X';
  } catch {
    // No /proc (macOS): kill(0) succeeded, so it runs.
    return process.platform !== 'linux';
  }
}

/** Waits until `pid` is gone; resolves false if it still runs after `timeout` ms. */
export async function waitForProcessExit(pid: number, timeout: number): Promise<boolean> {
  const deadline = Date.now() + timeout;
  for (let delay = 2; isProcessAlive(pid); delay = Math.min(delay * 2, 50)) {
    if (Date.now() >= deadline) return false;
    await sleep(delay);
  }
  return true;
}

/** Sends a signal, ignoring a process that is already gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
