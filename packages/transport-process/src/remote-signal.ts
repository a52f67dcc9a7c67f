import { setTimeout as sleep } from 'node:timers/promises';
import { SshError } from '@openssh-ts/session-core';
import { runSsh } from './run-ssh.js';
import { sessionArguments } from './ssh-arguments.js';
import { REFUSED_SESSION } from './session-preamble.js';

/** What a signal sent over its own session needs. */
export interface RemoteSignal {
  readonly sshPath: string;
  readonly controlSocket: string;
  /** Signal name without `SIG`, e.g. `TERM`. */
  readonly signal: string;
  /** The session's process group (its login shell's pid). */
  readonly processGroup: number;
  /** Whether the target still needs the signal; checked before every attempt. */
  readonly stillRunning: () => boolean;
}

/**
 * Refused opens retried before giving up: about 2 s in all, as native's
 * kill() retries, since a timeout's rejection waits for its kill.
 */
const REFUSALS_ALLOWED = 12;

/**
 * Sends the signal to the whole process group with a second, short
 * session on the same master. The line is the same for every shell
 * family: `kill -s NAME -- -PGID` is what dash, bash, zsh, mksh and fish
 * (whose `kill` runs procps' kill) all read as "signal that group";
 * busybox ash also delivers it, complaining about the `--`. Its exit
 * status says nothing useful (the group may have ended meanwhile), so it
 * is not read. A refused session (every MaxSessions slot taken) is retried
 * with back-off while the target runs; when the slots are all held by
 * commands being stopped at once, no session can carry the signal and
 * this rejects with `remote`.
 */
export async function sendRemoteSignal(target: RemoteSignal): Promise<void> {
  if (!/^[A-Z][A-Z0-9]{0,15}$/.test(target.signal)) {
    throw new SshError(
      'invalid-command',
      `not a signal name: ${JSON.stringify(target.signal)} (expected e.g. TERM or KILL)`,
    );
  }
  const argv = sessionArguments(target.controlSocket, {
    kind: 'exec',
    commandLine: `kill -s ${target.signal} -- -${target.processGroup}`,
  });
  for (let attempt = 0; target.stillRunning(); attempt += 1) {
    const result = await runSsh(target.sshPath, argv);
    if (!REFUSED_SESSION.test(result.stderr)) {
      if (result.code === 255) {
        throw new SshError('disconnected', `cannot send ${target.signal}: the master is gone`);
      }
      return;
    }
    if (attempt === REFUSALS_ALLOWED) {
      throw new SshError(
        'remote',
        `cannot send ${target.signal}: the server refused every session to carry it (all MaxSessions slots busy)`,
        { signal: target.signal },
      );
    }
    await sleep(Math.min(5 * 2 ** attempt, 250));
  }
}
