// Every failure ossh reports is one line: what failed, why, what to try.
// ssh's own multi-line diagnostics stay behind --verbose.
import type { SshError } from '@openssh-ts/session-core';
import { isSshError } from './exit-code.js';
import { removeKeyCommand, staleHostKey } from './known-hosts-hint.js';

/** What ossh was doing when the error happened. */
export interface ErrorContext {
  /** Short phrase, e.g. `run "uptime"`, `upload build.tar`. */
  readonly action?: string;
  /** The host the action was for, when there is one. */
  readonly destination?: string;
}

/** The longest line we print; the rest of a long message is elided. */
const MAX_LINE_LENGTH = 300;

function firstLine(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((part) => part.trim())
    .find((part) => part !== '');
  return line ?? '';
}

function clip(text: string): string {
  return text.length > MAX_LINE_LENGTH ? `${text.slice(0, MAX_LINE_LENGTH - 1)}…` : text;
}

function connectHint(error: SshError, host: string): { why: string; hint: string } {
  switch (error.reason) {
    case 'connection-refused':
      return { why: 'connection refused', hint: 'check the port (-p) and that sshd runs there' };
    case 'permission-denied': {
      // session-core says how many answers ssh sent when it asked any.
      const answers = /\(after (\d+) answers?:/.exec(error.message)?.[1];
      if (answers !== undefined)
        return {
          why: `permission denied after ${answers} password ${answers === '1' ? 'answer' : 'answers'}`,
          hint: 'check the password and the user (-l)',
        };
      return {
        why: 'permission denied',
        hint: 'check the user (-l) and key (-i), or load your key with ssh-add',
      };
    }
    case 'timed-out':
      return { why: 'timed out', hint: 'check the network, or raise --connect-timeout' };
    case 'host-unresolved':
      return {
        why: 'host name not resolved',
        hint: 'check the spelling, or the Host entries of your ssh config (-F)',
      };
    case 'host-key-unknown':
      return {
        why: 'host key not in known_hosts',
        hint: 'if you trust this host, connect once with --known-hosts add',
      };
    case 'host-key-mismatch':
      if (/REVOKED HOST KEY DETECTED/.test(error.sshOutput ?? '')) {
        return {
          why: 'the host presented a key marked as revoked',
          hint: "ask the host's administrator; run again with --verbose to see ssh's log",
        };
      }
      return {
        why: 'host key does not match known_hosts',
        hint: `if the host was reinstalled, remove the old key with ${removeKeyCommand(
          staleHostKey(error.sshOutput ?? '', host),
        )}`,
      };
    case 'network-unreachable':
      return { why: 'network unreachable', hint: 'check your network connection and routes' };
    case 'not-found':
    case 'not-executable':
    case 'other':
    case undefined:
      return {
        why: firstLine(error.sshOutput ?? '') || firstLine(error.message),
        hint: "run again with --verbose to see ssh's log",
      };
  }
}

function describeSshError(error: SshError, context: ErrorContext): string {
  const host = context.destination ?? 'the host';
  const action = context.action ?? 'the command';
  const message = firstLine(error.message);
  const parts = ((): [string, string, string] => {
    switch (error.kind) {
      case 'connect': {
        const { why, hint } = connectHint(error, host);
        return [`cannot connect to ${host}`, why, hint];
      }
      case 'master':
        return [
          `the ssh connection to ${host} failed`,
          message,
          "run with --verbose to see ssh's log",
        ];
      case 'ssh':
        return ['cannot run ssh', message, 'check that OpenSSH (ssh) is installed and on PATH'];
      case 'mux':
        return [`the control connection to ${host} misbehaved`, message, 'try --transport process'];
      case 'unsupported':
        return [`cannot ${action}`, message, 'try --transport native'];
      case 'unsupported-shell':
        return [
          `cannot run commands on ${host}`,
          message,
          'give the account a POSIX shell or fish (chsh)',
        ];
      case 'disconnected':
        return [`lost the connection to ${host}`, message, 'check the network and run again'];
      case 'remote-process-terminated':
        return [
          `${action} on ${host} ended without an exit status`,
          message,
          'run again with --verbose',
        ];
      case 'remote':
        return error.reason === 'not-found'
          ? [
              `${action} failed on ${host}`,
              'command not found',
              'check the program name and remote PATH',
            ]
          : [`${action} failed on ${host}`, message, 'check the remote program'];
      case 'invalid-command':
      case 'command-has-env':
      case 'command-has-cwd':
        return [
          `cannot send ${action}`,
          message,
          'remove NUL bytes or odd names from the arguments',
        ];
      case 'aborted':
        return [`${action} stopped`, message, 'raise --timeout if it needs longer'];
      case 'forward':
        return ['the port forward failed', message, 'check the addresses, or pick a free port (0)'];
      case 'cleanup':
        return [
          'closing the connection did not clean up fully',
          message,
          'run again with --verbose',
        ];
      case 'child-io':
        return [`reading or writing the output of ${action} failed`, message, 'run again'];
    }
  })();
  const [what, why, hint] = parts;
  return why === '' ? `${what} — ${hint}` : `${what}: ${why} — ${hint}`;
}

/**
 * Formats any error as ossh's one line (without a trailing newline), e.g.
 * `ossh: cannot connect to web-1: connection refused — check the port (-p) and that sshd runs there`.
 */
export function formatErrorLine(error: unknown, context: ErrorContext = {}): string {
  let line: string;
  if (isSshError(error)) {
    line = describeSshError(error, context);
  } else if (error instanceof Error && error.name === 'UsageError') {
    const hint = (error as Error & { hint?: string }).hint;
    line = hint === undefined ? error.message : `${error.message} — ${hint}`;
  } else if (error instanceof Error) {
    const what = context.action === undefined ? 'failed' : `${context.action} failed`;
    line = `${what}: ${firstLine(error.message) || error.name}`;
  } else {
    line = `failed: ${String(error)}`;
  }
  return clip(`ossh: ${line.replace(/\s+/g, ' ')}`);
}

/** ssh's own diagnostic carried by an error, for --verbose; empty when none. */
export function sshDiagnostic(error: unknown): string {
  return isSshError(error) ? (error.sshOutput ?? '').trim() : '';
}
