// `ossh exec -t`: the remote command gets a pseudo-terminal, as with
// `ssh -t`. The local terminal goes raw, so every key (Ctrl-C and Ctrl-D
// included) reaches the remote program, which also follows the local
// window's size.
//
// Without a terminal on stdin, -t is refused rather than dropped (ssh warns
// and runs without one): a program that silently loses its terminal behaves
// differently (buffering, prompts, Ctrl-C), and the person who typed -t
// should hear why.
import type { Command as RemoteCommand } from '@openssh-ts/session-core';
import type { TransportName } from '../connection-options.js';
import { ptyRequestFor, sizeSource } from '../pty-request.js';
import { canUseRawMode, enterRawMode, type RawModeInput } from '../raw-mode.js';
import { forwardResizes } from '../resize-forwarding.js';
import { streamChild } from '../stream-child.js';
import type { Terminal } from '../terminal.js';
import { UsageError } from '../usage-error.js';

/** The flags that decide whether -t can be honoured. */
export interface TerminalFlags {
  readonly transport: TransportName;
  /** false with -n. */
  readonly stdin: boolean;
}

/**
 * Throws a {@link UsageError} when -t cannot work, so that the mistake costs
 * no connection: the process transport has no pseudo-terminals, -n leaves
 * nothing to type with, and stdin must be a terminal to go raw.
 */
export function checkTerminalRequest(flags: TerminalFlags, stdin: RawModeInput): void {
  if (flags.transport === 'process') {
    throw new UsageError(
      '-t needs the native or ssh2 transport: the process transport cannot allocate a pseudo-terminal',
      'drop --transport process',
    );
  }
  if (!flags.stdin) {
    throw new UsageError(
      '-t and -n exclude each other: a terminal reads stdin',
      'drop one of them',
    );
  }
  if (!canUseRawMode(stdin)) {
    throw new UsageError(
      'pseudo-terminal not allocated: stdin is not a terminal',
      'run ossh from a terminal, or drop -t to pipe input to the command',
    );
  }
}

/** This process' side of the terminal. */
export interface LocalTerminal {
  readonly stdin: NodeJS.ReadableStream & RawModeInput;
  readonly output: Pick<Terminal, 'stdout' | 'stderr'>;
  readonly environment: NodeJS.ProcessEnv;
}

/**
 * Spawns `command` (stdio already set to pipes) on a pseudo-terminal of the
 * local type and size, streams it with stdin raw and resizes forwarded, and
 * resolves with ossh's exit code. Raw mode is entered only once the command
 * started, so Ctrl-C while connecting still interrupts ossh itself.
 */
export async function runInTerminal(command: RemoteCommand, local: LocalTerminal): Promise<number> {
  const source = sizeSource([local.output.stdout, local.output.stderr]);
  const request = ptyRequestFor(source, local.environment);
  const child = await command.pty(request).spawn();
  using _rawMode = enterRawMode(local.stdin);
  using _resizes = forwardResizes(source, (size) => child.resize(size), request);
  return await streamChild(child, local.stdin, local.output);
}
