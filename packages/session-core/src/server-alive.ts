// Dead-link detection by default. OpenSSH, asyncssh and the ssh2 package
// all send no keepalives unless told to (ServerAliveInterval 0,
// keepalive_interval 0, keepaliveInterval 0; each with a count of 3), so a
// connection whose far side went silent keeps every pending command waiting
// forever. Debian's ssh alone sets 300 s once BatchMode is on, which our
// masters use: 20 minutes before a partition is noticed.
//
// A session therefore asks for a keepalive every 15 s and gives up after 3
// unanswered (OpenSSH's own count): a dead link is noticed within 60 s. The
// cost is one small packet per 15 s of silence, answered by the server; a
// command that prints nothing for an hour is unaffected, since the server
// answers keepalives whatever its commands do.
import { execFile } from 'node:child_process';
import type { ConnectOptions } from './connect-options.js';
import { SshError } from './ssh-error.js';

/** The keepalive interval a session uses unless configured otherwise, in ms. */
export const DEFAULT_SERVER_ALIVE_INTERVAL = 15_000;

/** Unanswered keepalives before the connection is given up (OpenSSH's default). */
export const DEFAULT_SERVER_ALIVE_COUNT_MAX = 3;

/** Keepalive settings as a connection uses them. */
export interface ServerAliveSettings {
  /** Milliseconds of silence before a keepalive is sent; 0: none (no detection). */
  readonly intervalMs: number;
  /** Unanswered keepalives before the connection is dropped. */
  readonly countMax: number;
}

/**
 * How long a silent link can go unnoticed with `settings`: OpenSSH (and
 * ssh2, asyncssh) checks once per interval and disconnects at the check
 * after `countMax` unanswered keepalives, so (countMax + 1) intervals.
 * Infinity when keepalives are off.
 */
export function deadLinkBound(settings: ServerAliveSettings): number {
  return settings.intervalMs === 0 ? Infinity : settings.intervalMs * (settings.countMax + 1);
}

/**
 * Checks `serverAliveInterval` / `serverAliveCountMax` and returns the
 * settings that apply when the user's ssh_config says nothing: the
 * options' values, else the defaults. `0` for the interval turns
 * keepalives (and detection) off.
 */
export function serverAliveFromOptions(options: ConnectOptions): ServerAliveSettings {
  const interval = options.serverAliveInterval ?? DEFAULT_SERVER_ALIVE_INTERVAL;
  if (!Number.isFinite(interval) || interval < 0) {
    throw new SshError(
      'invalid-command',
      `serverAliveInterval must be 0 (off) or a positive number of milliseconds, got ${interval}`,
    );
  }
  const countMax = options.serverAliveCountMax ?? DEFAULT_SERVER_ALIVE_COUNT_MAX;
  if (!Number.isInteger(countMax) || countMax < 1 || countMax > 1000) {
    throw new SshError(
      'invalid-command',
      `serverAliveCountMax must be an integer from 1 to 1000, got ${countMax}`,
    );
  }
  return { intervalMs: interval, countMax };
}

/**
 * What `ssh -G` prints for `argv` (the destination's options as ssh would
 * get them): the configuration ssh resolves, one `keyword value` a line;
 * undefined when ssh fails.
 */
export function readResolvedConfig(
  sshPath: string,
  argv: readonly string[],
): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      sshPath,
      ['-G', ...argv],
      { timeout: 10_000, maxBuffer: 1 << 20, encoding: 'utf8' },
      (error, stdout) => resolve(error === null ? stdout : undefined),
    );
  });
}

/** ServerAliveInterval (in ms) and ServerAliveCountMax from `ssh -G` output; undefined when it prints neither. */
export function serverAliveFromResolved(
  resolved: string,
): { intervalMs: number; countMax: number } | undefined {
  const interval = /^serveraliveinterval (\d+)$/m.exec(resolved)?.[1];
  const countMax = /^serveralivecountmax (\d+)$/m.exec(resolved)?.[1];
  if (interval === undefined || countMax === undefined) return undefined;
  return { intervalMs: Number(interval) * 1000, countMax: Number(countMax) };
}

/**
 * The ServerAliveInterval / ServerAliveCountMax that `ssh -G` resolves for
 * `argv` (the destination's options as ssh would get them), in ms and as a
 * count; undefined when ssh cannot say (it fails, or prints neither).
 */
export async function readServerAliveConfig(
  sshPath: string,
  argv: readonly string[],
): Promise<ServerAliveSettings | undefined> {
  const resolved = await readResolvedConfig(sshPath, argv);
  return resolved === undefined ? undefined : serverAliveFromResolved(resolved);
}
