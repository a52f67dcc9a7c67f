// `ossh run -H a,b | --hosts-file F [--parallel N] -- <program> [args...]`:
// the same command on many hosts, one ControlMaster each, at most N at once.
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { mapBounded } from '../bounded-map.js';
import type { CliContext } from '../cli-context.js';
import { addConnectionOptions } from '../connection-options.js';
import { INTERRUPT_EXIT_CODE } from '../exit-code.js';
import { FanOutView } from '../fan-out-view.js';
import { parseHostOption, parseHostsFile, type HostEntry } from '../host-list.js';
import { runSummaryJson } from '../host-result.js';
import { hostErrorLine, runOnHost } from '../host-run.js';
import { handleInterrupts } from '../interrupt.js';
import { collect, integerIn } from '../option-values.js';
import { DEFAULT_RECONNECT_ATTEMPTS } from '../reconnect-policy.js';
import { reportError } from '../report-error.js';
import { renderSummaryTable } from '../summary-table.js';
import { UsageError } from '../usage-error.js';
import { addRemoteCommandOptions, requireCommandWords, type RemoteCommandFlags } from './exec.js';

/** Default number of hosts in flight, as pssh's. */
export const DEFAULT_PARALLEL = 32;

interface RunFlags extends RemoteCommandFlags {
  readonly hosts?: readonly string[];
  readonly hostsFile?: string;
  readonly parallel: number;
  readonly json?: boolean;
  readonly inline?: boolean;
  readonly reconnect: number;
}

async function readHosts(flags: RunFlags): Promise<HostEntry[]> {
  const hosts = (flags.hosts ?? []).flatMap(parseHostOption);
  if (flags.hostsFile !== undefined) {
    let text: string;
    try {
      text = await readFile(flags.hostsFile, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read the hosts file ${flags.hostsFile}: ${(error as Error).message}`,
      );
    }
    hosts.push(...parseHostsFile(text, flags.hostsFile));
  }
  if (hosts.length === 0) {
    throw new UsageError(
      'no hosts given',
      'name them with -H web-1,web-2 or --hosts-file hosts.txt',
    );
  }
  return hosts;
}

async function fanOut(
  context: CliContext,
  words: readonly string[],
  flags: RunFlags,
): Promise<number> {
  const { terminal } = context;
  const hosts = await readHosts(flags);
  requireCommandWords(words);
  const view = new FanOutView(
    hosts.map((host) => host.label),
    terminal,
    { json: flags.json === true, inline: flags.inline === true },
  );
  using interrupts = handleInterrupts(() =>
    view.line('ossh: interrupted; stopping the running hosts…'),
  );
  let results;
  try {
    results = await mapBounded(hosts, flags.parallel, async (host, index) => {
      view.status.connecting(index, Date.now());
      const result = await runOnHost(host, {
        words,
        flags,
        diagnostics: view,
        signal: interrupts.signal,
        onRunning: () => view.status.running(index),
        reconnectAttempts: flags.reconnect,
        onReconnecting: (attempt, error) =>
          view.reconnecting(
            index,
            attempt,
            flags.reconnect,
            // Without the hint after the dash: ossh is already trying again.
            hostErrorLine(error, host.label).replace(/ — [^—]*$/, ''),
          ),
      });
      view.finished(index, result);
      return result;
    });
  } finally {
    view.close();
  }
  const exitCode = interrupts.signal.aborted
    ? INTERRUPT_EXIT_CODE
    : results.every((result) => result.outcome === 'ok')
      ? 0
      : 1;
  terminal.stdout.write(
    flags.json === true
      ? `${runSummaryJson(results, exitCode)}\n`
      : `${renderSummaryTable(results, terminal.color)}\n`,
  );
  return exitCode;
}

/** Registers `run`. */
export function runCommand(context: CliContext): Command {
  const command = new Command('run')
    .description('run one command on many hosts at once, with live status and a summary')
    .argument('[command...]', 'program and arguments, each sent exactly as given')
    .addOption(
      new Option(
        '-H, --hosts <hosts>',
        'hosts, comma-separated: [user@]host[:port] (repeatable)',
      ).argParser(collect),
    )
    .addOption(
      new Option('--hosts-file <file>', 'file with one [user@]host[:port] per line (# comments)'),
    )
    .addOption(
      new Option('--parallel <n>', 'hosts in flight at once')
        .argParser(integerIn(1, 1000))
        .default(DEFAULT_PARALLEL),
    )
    .addOption(
      new Option(
        '--json',
        'print one JSON object per host (type "host": host, outcome, exitCode, signal, durationMs, stdout, stderr, reconnects, error), then a summary object (type "summary"), instead of the table',
      ),
    )
    .addOption(
      new Option('--inline', "print each host's output, prefixed with the host, when it finishes"),
    )
    .addOption(
      new Option(
        '--reconnect <attempts>',
        'connect a host again this many times when its connection drops or does not come up',
      )
        .argParser(integerIn(0, 100))
        .default(DEFAULT_RECONNECT_ATTEMPTS),
    )
    .passThroughOptions();
  addRemoteCommandOptions(addConnectionOptions(command));
  return command
    .addHelpText(
      'after',
      `
Each host gets its own ControlMaster; at most --parallel hosts run at once.
While running, a terminal shows live per-host status; at the end a table
lists every host's exit code, duration and first error line. Output of each
host is kept up to 1 MiB per stream (--inline, --json); longer output is
flagged as truncated.

A host whose connection drops (or does not come up: refused, timed out,
reset) is connected again up to --reconnect times (default ${DEFAULT_RECONNECT_ATTEMPTS}), waiting 0.5 s,
then twice as long each time; the live status says "reconnecting". A command
cut off by the drop runs again from the start on the new connection, so use
--reconnect 0 for a command that must never run twice. A refused login, a
changed host key or an unknown name fails the host at once.

Exit code: 0 when every host exited 0; 1 when any host failed or could not be
reached; 130 on Ctrl-C (running commands are stopped, connections closed).

Examples:
  $ ossh run -H web-1,web-2,web-3 -- uptime
  $ ossh run --hosts-file fleet.txt --parallel 20 -- systemctl is-active nginx
  $ ossh run --hosts-file fleet.txt --json -- df -h / > report.jsonl
  $ ossh run -H db-1,db-2 --inline --timeout 60 -- pg_isready`,
    )
    .action(async (words: string[], flags: RunFlags) => {
      try {
        context.exitCode = await fanOut(context, words, flags);
      } catch (error) {
        context.exitCode = reportError(error, { action: 'run' }, (line) =>
          context.terminal.line(line),
        );
      }
    });
}
