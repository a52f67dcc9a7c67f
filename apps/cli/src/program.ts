// The `ossh` command tree. Each subcommand lives in its own file under
// commands/; this file only assembles them.
import { createRequire } from 'node:module';
import { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { checkCommand } from './commands/check.js';
import { demoCommand } from './commands/demo.js';
import { execCommand } from './commands/exec.js';
import { forwardCommand } from './commands/forward.js';
import { lsCommand } from './commands/ls.js';
import { runCommand } from './commands/run.js';
import { getCommand, putCommand } from './commands/transfer.js';

/**
 * The CLI's version, shown by `ossh --version`: read from the package's own
 * package.json (one level up from both src/ and dist/), so `changeset version`
 * is the only place it changes.
 */
export const CLI_VERSION = (
  createRequire(import.meta.url)('../package.json') as { version: string }
).version;

/** Builds the program; actions report through `context`. */
export function createProgram(context: CliContext): Command {
  const program = new Command('ossh')
    .description(
      'Run commands, copy files and forward ports through OpenSSH, one ControlMaster per host.',
    )
    .version(CLI_VERSION, '-V, --version')
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage and examples)')
    .addHelpText(
      'after',
      `
Every command takes ssh's connection flags (-p, -l, -i, -F, -J, -o,
--known-hosts, --connect-timeout) and --transport native|process.

Examples:
  $ ossh demo                                  # try it: a sandbox sshd, nothing to configure
  $ ossh exec web-1 -- uptime
  $ ossh run -H web-1,web-2 --parallel 10 -- systemctl is-active nginx`,
    );
  for (const command of [
    execCommand(context),
    runCommand(context),
    getCommand(context),
    putCommand(context),
    lsCommand(context),
    forwardCommand(context),
    checkCommand(context),
    demoCommand(context),
  ]) {
    program.addCommand(command);
  }
  return program;
}
