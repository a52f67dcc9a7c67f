// `ossh exec <destination> -- <program> [args...]`: one remote command with
// its stdio streamed, ending with the remote exit code.
import { Command, Option } from 'commander';
import type { Session } from '@openssh-ts/session-core';
import type { CliContext } from '../cli-context.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { handleInterrupts } from '../interrupt.js';
import { withSession } from '../open-session.js';
import { parseSeconds } from '../option-values.js';
import { reportError } from '../report-error.js';
import { streamChild } from '../stream-child.js';
import { UsageError } from '../usage-error.js';
import { checkTerminalRequest, runInTerminal } from './exec-tty.js';

/** Flags of `exec` (and `run`) beyond the connection flags. */
export interface RemoteCommandFlags extends ConnectionFlags {
  readonly raw?: boolean;
  /** In milliseconds. */
  readonly timeout?: number;
}

interface ExecFlags extends RemoteCommandFlags {
  /** false with -n: stdin is not forwarded. */
  readonly stdin: boolean;
  /** -t: a pseudo-terminal for the command, the local one raw. */
  readonly tty?: boolean;
}

/** Adds --raw and --timeout. */
export function addRemoteCommandOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--raw',
        'send the command words joined by spaces, unquoted, for the remote shell to parse',
      ),
    )
    .addOption(
      new Option(
        '--timeout <seconds>',
        'stop the remote command after this long (exit 124)',
      ).argParser(parseSeconds),
    );
}

/**
 * The command words after the destination. With passThroughOptions commander
 * keeps the `--` that ends ossh's own options; it is not part of the command.
 */
export function commandWords(words: readonly string[]): readonly string[] {
  return words[0] === '--' ? words.slice(1) : words;
}

/**
 * The command words, refusing none at all. Commands call it before
 * connecting, so a missing command never costs a connection.
 */
export function requireCommandWords(words: readonly string[]): [string, ...string[]] {
  const [program, ...args] = commandWords(words);
  if (program === undefined) {
    throw new UsageError(
      'no command given',
      'put the command after --, e.g. ossh exec web-1 -- uptime',
    );
  }
  return [program, ...args];
}

/**
 * Builds the remote command: each word quoted (so it arrives byte for byte),
 * or with --raw the words joined by spaces for the remote shell to parse.
 */
export function remoteCommand(
  session: Session,
  words: readonly string[],
  flags: RemoteCommandFlags,
) {
  const [program, ...args] = requireCommandWords(words);
  const command =
    flags.raw === true
      ? session.rawCommand(commandWords(words).join(' '))
      : session.command(program).args(args);
  if (flags.timeout !== undefined) command.timeout(flags.timeout);
  return command;
}

async function execute(
  context: CliContext,
  destination: string,
  words: readonly string[],
  flags: ExecFlags,
): Promise<number> {
  const { terminal } = context;
  requireCommandWords(words);
  const tty = flags.tty === true;
  if (tty) checkTerminalRequest(flags, process.stdin);
  using interrupts = handleInterrupts();
  // `return await`: the interrupt handlers must stay installed until the
  // session is done, not be disposed as soon as the promise is returned.
  return await withSession(
    { destination, flags, diagnostics: terminal, signal: interrupts.signal },
    async (session) => {
      const command = remoteCommand(session, words, flags)
        .stdin(flags.stdin ? 'pipe' : 'null')
        .stdout('pipe')
        .stderr('pipe')
        .signal(interrupts.signal);
      if (tty) {
        return await runInTerminal(command, {
          stdin: process.stdin,
          output: terminal,
          environment: process.env,
        });
      }
      return await streamChild(await command.spawn(), process.stdin, terminal);
    },
  );
}

/** Registers `exec`. */
export function execCommand(context: CliContext): Command {
  const command = new Command('exec')
    .description('run one command on a host, streaming its stdin, stdout and stderr')
    .argument('<destination>', 'host, user@host, ssh://user@host:port or [ipv6]')
    .argument('[command...]', 'program and arguments, each sent exactly as given')
    .addOption(
      new Option('-n, --no-stdin', 'do not forward stdin (read from /dev/null, like ssh -n)'),
    )
    .addOption(
      new Option(
        '-t, --tty',
        'run the command on a terminal, like ssh -t: keys go to it raw, its size follows yours',
      ),
    )
    .passThroughOptions();
  addRemoteCommandOptions(addConnectionOptions(command));
  return command
    .addHelpText(
      'after',
      `
Exit code: the remote command's; 128+n when it was killed by signal n; 255 when
the connection failed (as ssh); 124 after --timeout; 130 on Ctrl-C.

With -t the command gets a pseudo-terminal ($TERM and your window's size,
kept in step as the window changes) and your terminal goes raw until it
ends: Ctrl-C goes to the remote program, Ctrl-D ends its input. -t needs a
terminal on stdin and the native or ssh2 transport; it is refused otherwise.

Examples:
  $ ossh exec web-1 -- uname -a
  $ ossh exec -t web-1 -- top
  $ ossh exec deploy@web-1 -- ls -la 'dir with spaces'
  $ ossh exec -p 2222 -i ~/.ssh/deploy web-1 -- systemctl status nginx
  $ tar cz dist | ossh exec web-1 -- tar xz -C /srv/app
  $ ossh exec --raw web-1 -- 'cd /var/log && tail -n 20 syslog | grep -i error'
  $ ossh exec --timeout 30 --transport process web-1 -- ./long-job.sh`,
    )
    .action(async (destination: string, words: string[], flags: ExecFlags) => {
      try {
        context.exitCode = await execute(context, destination, words, flags);
      } catch (error) {
        context.exitCode = reportError(
          error,
          { action: `run "${commandWords(words).join(' ').slice(0, 60)}"`, destination },
          (line) => context.terminal.line(line),
        );
      }
    });
}
