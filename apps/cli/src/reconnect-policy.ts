// When `ossh run` connects a host again: after its connection was lost
// (SshError `disconnected`: a reset, a partition noticed by keepalives, a
// killed master) or when connecting failed for a reason that may pass (the
// host refused, timed out or dropped the handshake). A wrong password, a
// changed host key or a name that does not resolve will fail the same way
// every time, so those are reported at once.
import { isConnectionLoss, SshError } from '@openssh-ts/session-core';

/** Attempts after the first one, unless `--reconnect` says otherwise. */
export const DEFAULT_RECONNECT_ATTEMPTS = 2;

/** The wait before the first reconnection; doubled after each one, up to {@link MAX_RECONNECT_DELAY_MS}. */
export const FIRST_RECONNECT_DELAY_MS = 500;
export const MAX_RECONNECT_DELAY_MS = 10_000;

const PASSING_CONNECT_FAILURES = new Set([
  'connection-refused',
  'timed-out',
  'network-unreachable',
  'other',
]);

/** Whether a failure of one host's attempt is worth connecting again for. */
export function shouldReconnect(error: unknown): boolean {
  if (isConnectionLoss(error)) return true;
  return (
    SshError.isInstance(error) &&
    error.kind === 'connect' &&
    PASSING_CONNECT_FAILURES.has(error.reason ?? 'other')
  );
}

/** The wait before reconnection `attempt` (counting from 1). */
export function reconnectDelay(attempt: number): number {
  return Math.min(FIRST_RECONNECT_DELAY_MS * 2 ** (attempt - 1), MAX_RECONNECT_DELAY_MS);
}
