// Test support: waiting for a condition that other processes bring about
// (a process starting or ending, a terminal mode changing).
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` every 50 ms until it holds; resolves false once `timeout`
 * ms have passed without it, so the test's assertion names what was awaited.
 */
export async function eventually(check: () => boolean, timeout = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}
