import type { Command } from './command.js';
import type { Session } from './session.js';
import { SshError } from './ssh-error.js';

/**
 * A local command as child_process / execa describe one: what the Rust
 * crate's `OverSsh` converts from `std::process::Command`.
 */
export interface LocalCommand {
  /** The program, quoted like `session.command(program)`. */
  readonly program: string;
  /** Its arguments, each quoted. */
  readonly args?: readonly string[];
  /** Variables to set for the command (added to the remote environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Working directory; a `file:` URL is accepted. */
  readonly cwd?: string | URL;
}

/** What may be carried to the remote side. */
export interface OverSshOptions {
  /** Carry `env` into the command line. Default true; false refuses a command with env (`command-has-env`), as the crate does. */
  readonly carryEnv?: boolean;
  /** Carry `cwd`. Default true; false refuses a command with cwd (`command-has-cwd`), as the crate does. */
  readonly carryCwd?: boolean;
}

/**
 * Converts a local command description into a remote {@link Command} on
 * `session`: program and arguments quoted, env and cwd built into the
 * command line. What cannot be carried is refused with `command-has-env`
 * (an unset — undefined — variable, since the remote environment cannot be
 * told to drop one portably, or an invalid name) or `command-has-cwd` (a URL
 * that is not `file:`).
 */
export function overSsh(
  local: LocalCommand,
  session: Session,
  options: OverSshOptions = {},
): Command {
  const command = session.command(local.program).args(local.args ?? []);
  const env = Object.entries(local.env ?? {});
  if (env.length > 0) {
    if (options.carryEnv === false) {
      throw new SshError(
        'command-has-env',
        'the command sets environment variables, which were not to be carried over to the remote side',
      );
    }
    for (const [name, value] of env) {
      if (value === undefined) {
        throw new SshError('command-has-env', `cannot unset ${name} on the remote side`);
      }
      try {
        command.env(name, value);
      } catch (error) {
        throw new SshError(
          'command-has-env',
          `cannot carry ${JSON.stringify(name)} to the remote side`,
          { cause: error },
        );
      }
    }
  }
  if (local.cwd !== undefined) {
    if (options.carryCwd === false) {
      throw new SshError(
        'command-has-cwd',
        'the command sets a working directory, which was not to be carried over to the remote side',
      );
    }
    if (local.cwd instanceof URL && local.cwd.protocol !== 'file:') {
      throw new SshError(
        'command-has-cwd',
        `cannot use ${local.cwd.href} as a remote working directory`,
      );
    }
    command.cwd(local.cwd instanceof URL ? decodeURIComponent(local.cwd.pathname) : local.cwd);
  }
  return command;
}
