// How the process transport learns which remote processes a command is.
// ssh's mux protocol cannot send a signal to a session, and sshd keeps a
// session (and its MaxSessions slot) for as long as its child lives, even
// after the channel closed. sshd makes every session child a session
// leader (setsid before exec of the login shell), so the login shell's pid
// is also the process group of everything the command starts. The command
// line is therefore prefixed with one statement that writes that pid to
// stderr, and a kill is `kill -s SIG -- -<pgid>` over a second session.
import { MAX_COMMAND_LINE_BYTES, type RemoteShellFamily } from '@openssh-ts/session-core';

/** The start of the line the remote shell prints: `ossh-pid:<pid>\n`. */
const MARKER = 'ossh-pid:';
const REPORT = /ossh-pid:(\d{0,10})\n/;

/** Stderr bytes looked through for the report before giving up on it. */
export const PID_REPORT_LIMIT = 4096;

/**
 * What goes before the command line: an `echo` of the shell's own pid
 * (`$$` in sh-family shells, `$fish_pid` in fish) to stderr.
 */
export function pidReportPrefix(family: RemoteShellFamily): string {
  return `echo ${MARKER}${family === 'fish' ? '$fish_pid' : '$$'} >&2; `;
}

/**
 * The command line with the pid report in front, or as it is when there is
 * nothing to put in front of: `family` absent (session-core's shell probe,
 * whose line must mean the same to every shell), or a line so near the
 * longest a server's shell takes that the report does not fit (that
 * command then cannot be signalled).
 */
export function withPidReport(line: string, family: RemoteShellFamily | undefined): string {
  if (family === undefined) return line;
  const prefixed = pidReportPrefix(family) + line;
  return Buffer.byteLength(prefixed) <= MAX_COMMAND_LINE_BYTES ? prefixed : line;
}

/** The verdict on the stderr seen so far. */
export type PidReportVerdict =
  | { readonly state: 'pending' }
  /**
   * Found (pid null when the shell printed none, e.g. a fish without
   * `$fish_pid`) or given up on; `rest` is the remote stderr without the report.
   */
  | { readonly state: 'done'; readonly pid: number | null; readonly rest: Buffer };

/**
 * Finds the report at the start of the remote stderr. Bytes before it are
 * kept (a login shell's startup files may print), and the search ends after
 * {@link PID_REPORT_LIMIT} bytes so that stderr is never held for long.
 */
export class PidReportScanner {
  #buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): PidReportVerdict {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const match = REPORT.exec(this.#buffer.toString('latin1'));
    if (match !== null) {
      const rest = Buffer.concat([
        this.#buffer.subarray(0, match.index),
        this.#buffer.subarray(match.index + match[0].length),
      ]);
      const pid = Number(match[1]);
      // 0 and 1 would make `kill -- -<pid>` mean "our group" or "every process".
      return { state: 'done', pid: match[1] !== '' && pid > 1 ? pid : null, rest };
    }
    return this.#buffer.length > PID_REPORT_LIMIT ? this.giveUp() : { state: 'pending' };
  }

  /** No report (stderr ended, or too much came first): everything goes on as remote stderr. */
  giveUp(): PidReportVerdict & { state: 'done' } {
    const rest = this.#buffer;
    this.#buffer = Buffer.alloc(0);
    return { state: 'done', pid: null, rest };
  }
}
