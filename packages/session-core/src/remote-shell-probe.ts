// Finding the remote login shell's family. sshd runs every command line as
// `<login shell> -c <line>`, so quoting must match that shell; the probe is
// one line that sh, fish and csh all parse without error, and that prints
// something different in each (checked against dash, bash, zsh, mksh,
// busybox ash, fish 3 and tcsh):
//
//   echo ossh-shell-probe:\x66:"$shell"
//
// - An unquoted `\x66` is fish's escape for `f`; sh and csh drop the
//   backslash and print `x66`.
// - `$shell` is csh's own variable, always set to the login shell's path;
//   in sh and fish it is unset and expands to nothing (an unset variable is
//   an error only in csh, which is why no other variable is used).
// - cmd.exe keeps the backslash and the quotes; PowerShell keeps the
//   backslash and expands its own (unset) `$shell` to nothing. Neither is
//   installed here, so those two are read from their documented rules.
//
// The shell's startup files (bash's .bashrc under sshd, zsh's .zshenv, fish's
// config.fish, .tcshrc) may print before it: the marker line is searched for.
import type { Readable } from 'node:stream';
import type { RemoteShellFamily, Transport } from './transport.js';
import { SshError } from './ssh-error.js';

/** The probe command line (raw: it must reach the login shell exactly as written). */
export const SHELL_PROBE_LINE = 'echo ossh-shell-probe:\\x66:"$shell"';

/**
 * What goes before a first command that runs beside the probe instead of
 * after it (see {@link guardedCommandLine}): a statement that ends every
 * shell the session refuses before the command, and lets the command run
 * unchanged in the ones it quotes for.
 *
 * - sh-family shells and fish (3.0 and later, which have `||`): both
 *   variables are unset, `test -z ""` succeeds and the command runs as the
 *   line's last command, so bash and zsh still exec it as they would the
 *   command alone (its own exit status or signal reaches the session).
 * - csh/tcsh: `$ossh_no_csh` is undefined there, an error that abandons the
 *   rest of the line before `test` runs. `$shell` alone would not do: csh
 *   runs the right side of `||` in a subshell, whose `exit` does not end the
 *   shell (checked against tcsh 6.24 and bsd-csh).
 * - cmd.exe and PowerShell 7: `test` is no command, so `exit` runs;
 *   PowerShell 5 and nushell reject `||` and run nothing. The one gap is a
 *   PowerShell 7 with a `test` program on its PATH (Git for Windows' Unix
 *   tools): the command runs, and the probe's answer refuses the session.
 *
 * `$shell` is in the test too, so that the guard passes exactly where the
 * probe's answer is `posix` or `fish` (a POSIX account with `shell` set is
 * refused by both).
 */
export const SHELL_GUARD = 'test -z "$shell$ossh_no_csh" || exit; ';

/** Plain words: no byte that any shell the guard meets reads as more than itself. */
const PLAIN_WORDS = /^[A-Za-z0-9_./:@+,=-]+(?: [A-Za-z0-9_./:@+,=-]+)*$/;

/** Longest line run behind the guard; a plain command is short. */
const GUARDED_LINE_LIMIT = 4096;

/**
 * The line to run beside the probe for a command whose line is the same
 * quoted for POSIX sh and for fish and is made of plain words only (`true`,
 * `uname -a`, `touch /tmp/x`), with {@link SHELL_GUARD} in front; undefined
 * for any other line, which must wait for the probe's answer. Such a line
 * means the same whatever the login shell turns out to be, so only the
 * refusal of a shell the session cannot quote for is left to the probe,
 * and the guard keeps that refusal's promise: nothing runs there.
 */
export function guardedCommandLine(posix: Uint8Array, fish: Uint8Array): Uint8Array | undefined {
  if (posix.length === 0 || posix.length > GUARDED_LINE_LIMIT) return undefined;
  if (posix.length !== fish.length || posix.some((byte, index) => byte !== fish[index]))
    return undefined;
  const text = Buffer.from(posix).toString('latin1');
  if (!PLAIN_WORDS.test(text)) return undefined;
  return new TextEncoder().encode(SHELL_GUARD + text);
}

/** Most bytes of probe output read; startup files may print, but not without bound. */
export const SHELL_PROBE_OUTPUT_LIMIT = 64 * 1024;

const MARKER = 'ossh-shell-probe:';

/** Throws `invalid-command` unless `value` is `posix`, `fish`, `auto` or absent. */
export function checkRemoteShell(value: unknown): void {
  if (value === undefined || value === 'auto' || value === 'posix' || value === 'fish') return;
  throw new SshError(
    'invalid-command',
    `remoteShell must be 'posix', 'fish' or 'auto', got ${JSON.stringify(value)}`,
  );
}

/** What the probe printed and how it ended. */
export interface ShellProbeResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

function refuse(shell: string, message: string, result: ShellProbeResult): never {
  throw new SshError('unsupported-shell', message, {
    remoteShell: shell,
    exitCode: result.code,
    stdout: Buffer.from(result.stdout),
    stderr: Buffer.from(result.stderr),
  });
}

/**
 * The family the probe's output shows; throws `unsupported-shell` (naming the
 * shell where the output tells it) for csh/tcsh, cmd.exe, PowerShell and any
 * shell whose output is not one of the known answers (nushell, for one,
 * rejects the line).
 */
export function interpretShellProbe(result: ShellProbeResult): RemoteShellFamily {
  const line = result.stdout
    .split(/\r?\n/)
    .map((text) => text.trim())
    .find((text) => text.startsWith(MARKER));
  if (line === undefined) {
    const said = (result.stderr.trim() || result.stdout.trim()).slice(0, 200);
    refuse(
      'unknown',
      `the remote login shell is not one openssh-ts can quote for (it did not run a plain echo; exit ${String(result.code)}${said === '' ? '' : `: ${said}`}); only POSIX sh-family shells and fish are supported`,
      result,
    );
  }
  const answer = line.slice(line.indexOf(MARKER) + MARKER.length);
  if (answer === 'f:') return 'fish';
  if (answer === 'x66:') return 'posix';
  if (answer.startsWith('x66:')) {
    const shell = answer.slice('x66:'.length);
    refuse(
      shell,
      `the remote login shell is ${shell}, a csh: openssh-ts cannot quote every argument for csh/tcsh (history and newline rules); give the account a POSIX shell or fish`,
      result,
    );
  }
  if (answer.startsWith('\\x66:"')) {
    refuse(
      'cmd.exe',
      'the remote login shell is cmd.exe, which openssh-ts cannot quote for',
      result,
    );
  }
  if (answer.startsWith('\\x66:')) {
    refuse(
      'PowerShell',
      'the remote login shell is PowerShell, which openssh-ts cannot quote for',
      result,
    );
  }
  return refuse(
    'unknown',
    `the remote login shell answered the probe with ${JSON.stringify(line)}`,
    result,
  );
}

// Reads up to the limit; past it the child is let go (the answer, if any,
// came long before: the marker line is short).
function readBounded(stream: Readable | null, onOverflow: () => void): Promise<string> {
  if (stream === null) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      if (total >= SHELL_PROBE_OUTPUT_LIMIT) return;
      chunks.push(chunk);
      total += chunk.length;
      if (total >= SHELL_PROBE_OUTPUT_LIMIT) onOverflow();
    });
    const done = (): void => resolve(Buffer.concat(chunks).toString('utf8'));
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', reject);
  });
}

/**
 * Runs the probe on `transport` and returns the login shell's family;
 * rejects with `unsupported-shell` for a shell it cannot quote for, or with
 * the transport's error when the probe could not run.
 */
export async function probeRemoteShell(transport: Transport): Promise<RemoteShellFamily> {
  const child = await transport.spawn({
    target: { kind: 'exec', commandLine: new TextEncoder().encode(SHELL_PROBE_LINE) },
    stdin: 'null',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  let overflowed = false;
  const cut = (): void => {
    overflowed = true;
    child.disconnect();
  };
  const [stdout, stderr, exit] = await Promise.all([
    readBounded(child.stdout, cut),
    readBounded(child.stderr, cut),
    child.wait().catch((error: unknown) => {
      if (overflowed) return { code: null };
      throw error;
    }),
  ]);
  return interpretShellProbe({ stdout, stderr, code: exit.code });
}
