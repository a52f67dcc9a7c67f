// How ossh turns outcomes into its own exit code. Follows ssh: the remote
// command's code passes through, a remote signal becomes 128+n as a shell
// reports it, and failing to reach the host is 255.
import { constants } from 'node:os';
import type { ExitStatus, SshError } from '@openssh-ts/session-core';
import { USAGE_EXIT_CODE } from './usage-error.js';

/** ssh's own code for "could not connect / connection lost". */
export const CONNECTION_EXIT_CODE = 255;
/** `--timeout` elapsed, as GNU timeout(1) reports it. */
export const TIMEOUT_EXIT_CODE = 124;
/** Interrupted with Ctrl-C (SIGINT is 2), as shells report it. */
export const INTERRUPT_EXIT_CODE = 130;

/** Signal number for a name without `SIG` (`TERM` → 15), undefined when unknown here. */
export function signalNumber(name: string): number | undefined {
  const signals = constants.signals as Record<string, number | undefined>;
  return signals[`SIG${name.toUpperCase()}`];
}

/**
 * The exit code for a remote command's status: its code, 128+n for a signal
 * (255 for a signal this OS has no number for, as ssh does).
 */
export function exitCodeForStatus(status: Pick<ExitStatus, 'code' | 'signal'>): number {
  if (status.code !== null) return status.code & 0xff;
  if (status.signal !== null) {
    const number = signalNumber(status.signal);
    return number === undefined ? CONNECTION_EXIT_CODE : 128 + number;
  }
  return CONNECTION_EXIT_CODE;
}

/** The exit code for an error that ended a command. */
export function exitCodeForError(error: unknown): number {
  if (isUsageError(error)) return USAGE_EXIT_CODE;
  if (!isSshError(error)) return 1;
  switch (error.kind) {
    case 'aborted':
      return TIMEOUT_EXIT_CODE;
    case 'invalid-command':
    case 'command-has-env':
    case 'command-has-cwd':
      return USAGE_EXIT_CODE;
    case 'remote':
      // A remote refusal that still carries the shell's code (127: not found).
      return typeof error.exitCode === 'number' ? error.exitCode : 1;
    case 'master':
    case 'connect':
    case 'ssh':
    case 'mux':
    case 'disconnected':
    case 'remote-process-terminated':
    case 'cleanup':
    case 'child-io':
    case 'forward':
    case 'unsupported':
    case 'unsupported-shell':
      return CONNECTION_EXIT_CODE;
  }
}

function isUsageError(error: unknown): boolean {
  return error instanceof Error && error.name === 'UsageError';
}

/** Duck-typed so the check holds across duplicate installs (SshError.isInstance does the same). */
export function isSshError(error: unknown): error is SshError {
  return (
    error instanceof Error &&
    error.name === 'SshError' &&
    typeof (error as Partial<SshError>).kind === 'string'
  );
}
