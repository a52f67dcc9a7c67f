/**
 * Resolving a host with OpenSSH itself: `ssh -G [-F file] [-l user]
 * [-p port] [-o option]… -- host` prints the effective configuration
 * (every Match, Host and Include applied exactly as ssh would) and exits
 * without connecting. Its output is bounded, it is given a deadline (a
 * `Match exec` could hang), and it ends with the caller's AbortSignal.
 *
 * @packageDocumentation
 */
import { spawn } from 'node:child_process';
import { SshError } from '@openssh-ts/session-core';
import type { ResolveSshConfigOptions } from '../contracts.js';
import type { ConfigOccurrences } from './evaluate-config.js';

/** `ssh -G` prints about 6 KB; anything past this is not its output. */
const MAX_OUTPUT_BYTES = 1024 * 1024;
/** How long `ssh -G` may take before it is killed. */
const SSH_G_TIMEOUT_MS = 15_000;
/** Keywords ssh -G prints as one space-separated list. */
const LIST_KEYWORDS = new Set(['userknownhostsfile', 'globalknownhostsfile']);

/** The argv of `ssh -G` for `host`. */
export function sshGArguments(host: string, options: ResolveSshConfigOptions): string[] {
  return [
    '-G',
    ...(options.configFile === undefined ? [] : ['-F', options.configFile]),
    ...(options.user === undefined ? [] : ['-l', options.user]),
    ...(options.port === undefined ? [] : ['-p', String(options.port)]),
    ...(options.sshOptions ?? []).flatMap((option) => ['-o', option]),
    '--',
    host,
  ];
}

/** Reads `ssh -G` output into settings, one entry per printed line. */
export function parseSshGOutput(output: string): ConfigOccurrences {
  const settings = new Map<string, string[][]>();
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const keyword = line.slice(0, space).toLowerCase();
    const rest = line.slice(space + 1);
    const list = settings.get(keyword) ?? [];
    list.push(LIST_KEYWORDS.has(keyword) ? rest.split(' ') : [rest]);
    settings.set(keyword, list);
  }
  return settings;
}

/**
 * Runs `ssh -G`; resolves with its settings, or `undefined` when the
 * program cannot be run (not installed, not executable) so the caller can
 * parse the config instead. A config ssh refuses rejects with
 * `SshError('connect')`, reason `other`, carrying ssh's message.
 */
export async function resolveWithSsh(
  sshPath: string,
  host: string,
  options: ResolveSshConfigOptions,
): Promise<ConfigOccurrences | undefined> {
  const { signal } = options;
  if (signal?.aborted === true) throw signal.reason;
  const outcome = await runSshG(sshPath, host, options);
  if (outcome === ABORTED) throw signal?.reason;
  return outcome;
}

/** What runSshG settles with when the caller's signal ended ssh. */
const ABORTED = Symbol('aborted');

function runSshG(
  sshPath: string,
  host: string,
  options: ResolveSshConfigOptions,
): Promise<ConfigOccurrences | undefined | typeof ABORTED> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    // Its own process group on POSIX, so that ending it also ends what a
    // `Match exec` started (killing ssh alone would orphan those).
    const ownGroup = process.platform !== 'win32';
    const child = spawn(sshPath, sshGArguments(host, options), {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: ownGroup,
      windowsHide: true,
    });
    let ended = false;
    const end = (): void => {
      if (ended || child.pid === undefined) return;
      ended = true;
      try {
        if (ownGroup) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      end();
    }, SSH_G_TIMEOUT_MS);
    signal?.addEventListener('abort', end, { once: true });
    const cleanUp = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', end);
    };
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let overflow = false;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        overflow = true;
        end();
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      if (error.code === 'ENOENT' || error.code === 'EACCES') resolve(undefined);
      else reject(new SshError('ssh', `cannot run ${sshPath} -G`, { cause: error }));
    });
    child.on('close', (code, exitSignal) => {
      cleanUp();
      // ssh waits for each Match exec command, so nothing of the group is left to end.
      ended = true;
      const message = Buffer.concat(stderr).toString('utf8').trim();
      if (signal?.aborted === true) {
        resolve(ABORTED);
      } else if (timedOut) {
        reject(
          new SshError(
            'connect',
            `${sshPath} -G ${host} did not finish within ${SSH_G_TIMEOUT_MS} ms`,
            { reason: 'timed-out' },
          ),
        );
      } else if (overflow) {
        reject(
          new SshError('connect', `${sshPath} -G printed more than ${MAX_OUTPUT_BYTES} bytes`, {
            reason: 'other',
          }),
        );
      } else if (code !== 0) {
        const how = exitSignal === null ? `exit code ${code}` : `signal ${exitSignal}`;
        reject(
          new SshError('connect', `${sshPath} -G ${host} failed (${how}): ${message}`, {
            reason: 'other',
            sshOutput: message,
          }),
        );
      } else {
        resolve(parseSshGOutput(Buffer.concat(stdout).toString('utf8')));
      }
    });
  });
}
