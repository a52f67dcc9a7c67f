// `ossh demo`: the README's "run it" command. Starts the harness' sandbox
// sshd (nothing to configure) and walks through what openssh-ts does, with a
// caption per step, through both transports; cleans everything up, also on
// Ctrl-C.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Session } from '@openssh-ts/session-core';
import { startSshd } from '@openssh-ts/test-sshd';
import type { CliContext } from '../cli-context.js';
import type { TransportName } from '../connection-options.js';
import { formatErrorLine } from '../error-line.js';
import { formatDuration } from '../format-units.js';
import { handleInterrupts, isInterrupt } from '../interrupt.js';
import { reportError } from '../report-error.js';
import { createTransport } from '../transport-choice.js';
import {
  exitStatusStep,
  nastyArgumentsStep,
  streamingStep,
  timeCommands,
} from '../demo/command-steps.js';
import { DemoPrinter } from '../demo/demo-printer.js';
import { forwardStep } from '../demo/forward-step.js';
import { transferStep } from '../demo/transfer-step.js';

const TIMED_COMMANDS = 20;

interface TransportTiming {
  readonly name: TransportName;
  readonly connectMs: number;
  readonly perCommandMs: number;
}

/** Runs one step; a failure is reported and the demo goes on (an interrupt ends it). */
async function step(
  printer: DemoPrinter,
  signal: AbortSignal,
  body: () => Promise<void>,
): Promise<void> {
  signal.throwIfAborted();
  try {
    await body();
  } catch (error) {
    // Once interrupted, whatever the step failed with (often a stream cut
    // off by the abort) is a consequence: report the interrupt itself.
    if (signal.aborted) throw signal.reason;
    if (isInterrupt(error)) throw error;
    printer.fail(formatErrorLine(error).replace(/^ossh: /, ''));
  }
}

async function runDemo(context: CliContext): Promise<number> {
  const { terminal } = context;
  using interrupts = handleInterrupts(() =>
    terminal.line('\nossh: stopping the demo and cleaning up…'),
  );
  const { signal } = interrupts;
  const printer = new DemoPrinter((text) => terminal.stdout.write(text), terminal.color);
  printer.plain('ossh demo: openssh-ts against a real OpenSSH server on this machine.');

  printer.caption('A sandbox sshd on 127.0.0.1 (fresh keys, nothing to configure)');
  await using sshd = await startSshd();
  printer.ok(`sshd listening on ${sshd.host}:${sshd.port}, login user ${sshd.user}`);
  printer.detail(`its keys, configs and logs: ${sshd.directory} (removed at the end)`);
  const localDirectory = await mkdtemp(join(tmpdir(), 'ossh-demo-'));
  // Should the process end without unwinding (a second Ctrl-C, a closed
  // pipe), the files still go, as the harness removes its sshd's.
  const removeOnExit = (): void => rmSync(localDirectory, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const timings: TransportTiming[] = [];
  try {
    for (const name of ['native', 'process'] as const) {
      signal.throwIfAborted();
      const transport = createTransport(name);
      const started = performance.now();
      await using session = await Session.connect(sshd.hostAlias, {
        configFile: sshd.sshConfigFile,
        transport,
        signal,
      });
      const connectMs = performance.now() - started;
      if (name === 'native') {
        printer.caption(
          `Connected: one ControlMaster, transport "native" (${formatDuration(connectMs)})`,
        );
        printer.caption('Nasty arguments arrive intact');
        await step(printer, signal, () => nastyArgumentsStep(session, printer, signal));
        printer.caption('Output streams as it is produced');
        await step(printer, signal, () => streamingStep(session, printer, signal));
        printer.caption('Exit codes and remote signals are reported');
        await step(printer, signal, () => exitStatusStep(session, printer, signal));
        printer.caption('SFTP upload and download, with progress');
        await step(printer, signal, () =>
          transferStep(session, printer, terminal, localDirectory, signal),
        );
        printer.caption('A port forward carries a request (loopback only)');
        await step(printer, signal, () => forwardStep(session, printer, signal));
      } else {
        printer.caption(`The same through the "process" transport (one ssh process per command)`);
        await step(printer, signal, () => nastyArgumentsStep(session, printer, signal));
        await step(printer, signal, () => exitStatusStep(session, printer, signal));
      }
      await step(printer, signal, async () => {
        const perCommandMs = await timeCommands(session, TIMED_COMMANDS, signal);
        timings.push({ name, connectMs, perCommandMs });
      });
    }
    printer.caption(
      `Both transports, timed (connect once, then ${TIMED_COMMANDS} × "true" in a row)`,
    );
    for (const timing of timings) {
      printer.info(
        `${timing.name.padEnd(8)} connect ${formatDuration(timing.connectMs).padStart(8)}   per command ${timing.perCommandMs.toFixed(1).padStart(6)} ms`,
      );
    }
  } finally {
    await rm(localDirectory, { recursive: true, force: true });
    process.off('exit', removeOnExit);
  }
  printer.plain(
    printer.failures === 0
      ? '\nDemo finished; sshd, ControlMasters and temp files are cleaned up.'
      : `\nDemo finished with ${printer.failures} failed check(s); everything is cleaned up.`,
  );
  return printer.failures === 0 ? 0 : 1;
}

/** Registers `demo`. */
export function demoCommand(context: CliContext): Command {
  return new Command('demo')
    .description(
      'see openssh-ts work against a sandbox sshd it starts itself (nothing to configure)',
    )
    .addHelpText(
      'after',
      `
Starts OpenSSH's sshd on 127.0.0.1 with fresh keys in a temp directory, then
shows nasty arguments arriving intact, streaming output, exit codes and remote
signals, an SFTP round trip with progress, a port forward, and both transports
timed. Needs OpenSSH's client and server installed (the quick start does it).

Examples:
  $ ossh demo
  $ pnpm demo            # from the repository root, after the build`,
    )
    .action(async () => {
      try {
        context.exitCode = await runDemo(context);
      } catch (error) {
        context.exitCode = reportError(error, { action: 'the demo' }, (line) =>
          context.terminal.line(line),
        );
      }
    });
}
