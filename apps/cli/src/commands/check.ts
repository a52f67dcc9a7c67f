// `ossh check <destination...>`: can we connect, and is the master alive?
import { Command, Option } from 'commander';
import { mapBounded } from '../bounded-map.js';
import type { CliContext } from '../cli-context.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { formatErrorLine } from '../error-line.js';
import { exitCodeForError } from '../exit-code.js';
import { formatDuration } from '../format-units.js';
import { handleInterrupts, isInterrupt } from '../interrupt.js';
import { withSession } from '../open-session.js';

interface CheckFlags extends ConnectionFlags {
  readonly json?: boolean;
}

const CHECK_PARALLEL = 16;

interface CheckResult {
  readonly destination: string;
  readonly ok: boolean;
  readonly exitCode: number;
  readonly durationMs: number;
  readonly masterPid: number | null;
  readonly error: string | null;
}

async function checkOne(
  context: CliContext,
  destination: string,
  flags: CheckFlags,
  signal: AbortSignal,
): Promise<CheckResult> {
  const started = performance.now();
  try {
    const status = await withSession(
      { destination, flags, diagnostics: context.terminal, signal },
      (session) => session.check(),
    );
    return {
      destination,
      ok: true,
      exitCode: 0,
      durationMs: performance.now() - started,
      masterPid: status.masterPid ?? null,
      error: null,
    };
  } catch (error) {
    return {
      destination,
      ok: false,
      exitCode: isInterrupt(error) ? 130 : exitCodeForError(error),
      durationMs: performance.now() - started,
      masterPid: null,
      error: isInterrupt(error) ? 'interrupted' : formatErrorLine(error, { destination }),
    };
  }
}

async function check(
  context: CliContext,
  destinations: readonly string[],
  flags: CheckFlags,
): Promise<number> {
  using interrupts = handleInterrupts();
  const results = await mapBounded(destinations, CHECK_PARALLEL, (destination) =>
    checkOne(context, destination, flags, interrupts.signal),
  );
  for (const result of results) {
    if (flags.json === true) {
      context.terminal.stdout.write(
        `${JSON.stringify({ ...result, durationMs: Math.round(result.durationMs), transport: flags.transport })}\n`,
      );
    } else if (result.ok) {
      const pid = result.masterPid === null ? '' : `, master pid ${result.masterPid}`;
      context.terminal.stdout.write(
        `${result.destination}: ok (connected in ${formatDuration(result.durationMs)}, transport ${flags.transport}${pid})\n`,
      );
    } else {
      context.terminal.line(result.error ?? `${result.destination}: failed`);
    }
  }
  return results.find((result) => !result.ok)?.exitCode ?? 0;
}

/** Registers `check`. */
export function checkCommand(context: CliContext): Command {
  const command = new Command('check')
    .description('connect and check that the ControlMaster answers')
    .argument('<destination...>', 'one or more hosts')
    .addOption(new Option('--json', 'one JSON object per destination'));
  return addConnectionOptions(command)
    .addHelpText(
      'after',
      `
Exit code: 0 when every destination answered, else the first failure's code
(255 for connection errors, like ssh).

Examples:
  $ ossh check web-1
  $ ossh check --connect-timeout 5 web-1 web-2 db-1
  $ ossh check -v -J bastion deploy@10.0.0.7      # -v shows ssh's log
  $ ossh check --json --transport process web-1`,
    )
    .action(async (destinations: string[], flags: CheckFlags) => {
      context.exitCode = await check(context, destinations, flags);
    });
}
