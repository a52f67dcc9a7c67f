// Where the CLI's login answers come from: `--password-stdin`, else the
// terminal when ossh runs on one, else nowhere (ssh stays in BatchMode and
// fails fast, as scripts expect).
import { ReadStream } from 'node:tty';
import type { ConnectOptions } from '@openssh-ts/session-core';
import { readPasswordLine } from './password-stdin.js';
import { terminalPrompt } from './terminal-prompt.js';

/** The login part of `Session.connect` options. */
export type LoginOptions = Pick<ConnectOptions, 'password' | 'onPrompt'>;

let fromStdin: Promise<string> | undefined;
let fromTerminal:
  | ((question: Parameters<NonNullable<ConnectOptions['onPrompt']>>[0]) => Promise<string>)
  | undefined;

/**
 * The login options for one connect. The password from stdin is read once
 * per process (a fan-out shares it); the terminal is asked through one
 * handler, so concurrent sessions ask one question at a time. Every
 * transport takes these options the same way.
 */
export async function loginOptions(flags: {
  readonly passwordStdin?: boolean;
}): Promise<LoginOptions> {
  if (flags.passwordStdin === true) {
    fromStdin ??= readPasswordLine(process.stdin);
    return { password: await fromStdin };
  }
  if (process.stdin instanceof ReadStream && process.stdin.isTTY && process.stderr.isTTY) {
    fromTerminal ??= terminalPrompt(process.stdin, process.stderr);
    return { onPrompt: fromTerminal };
  }
  return {};
}
