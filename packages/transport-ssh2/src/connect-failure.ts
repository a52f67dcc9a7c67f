import { SshError, type ConnectFailureReason } from '@openssh-ts/session-core';

/** An error as ssh2 and Node's net module report it. */
interface LevelledError extends Error {
  readonly level?: string;
  readonly code?: string;
}

const SOCKET_REASONS: Readonly<Record<string, ConnectFailureReason>> = {
  ECONNREFUSED: 'connection-refused',
  ETIMEDOUT: 'timed-out',
  ENOTFOUND: 'host-unresolved',
  EAI_AGAIN: 'host-unresolved',
  EAI_NONAME: 'host-unresolved',
  EAI_FAIL: 'host-unresolved',
  ENETUNREACH: 'network-unreachable',
  EHOSTUNREACH: 'network-unreachable',
};

/**
 * Turns what ssh2 or the socket reported into `SshError('connect')` with
 * the reason OpenSSH's own message would have given, and a message that
 * starts the way ssh's does (`Permission denied`, `Connection refused`, ...)
 * so that people and scripts used to ssh recognise it.
 */
export function connectFailure(error: unknown, where: string): SshError {
  if (SshError.isInstance(error)) return error;
  const failure: LevelledError = error instanceof Error ? error : new Error(String(error));
  if (failure.level === 'client-authentication') {
    return new SshError('connect', `${where}: Permission denied (${failure.message})`, {
      reason: 'permission-denied',
      cause: error,
    });
  }
  if (failure.level === 'client-timeout') {
    return new SshError('connect', `${where}: Connection timed out during banner exchange`, {
      reason: 'timed-out',
      cause: error,
    });
  }
  const reason = (failure.code === undefined ? undefined : SOCKET_REASONS[failure.code]) ?? 'other';
  const text =
    reason === 'connection-refused'
      ? 'Connection refused'
      : reason === 'host-unresolved'
        ? 'Could not resolve hostname'
        : failure.message;
  return new SshError('connect', `${where}: ${text}`, { reason, cause: error });
}

/** The error of a connect cut off by connectTimeout, as ssh words it. */
export function connectTimedOut(where: string, milliseconds: number): SshError {
  return new SshError(
    'connect',
    `${where}: Connection timed out (no SSH key exchange within ${milliseconds} ms)`,
    { reason: 'timed-out' },
  );
}
