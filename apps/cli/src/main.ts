import { CommanderError } from 'commander';
import type { CliContext } from './cli-context.js';
import { createProgram } from './program.js';
import { processTerminal, type Terminal } from './terminal.js';
import { USAGE_EXIT_CODE } from './usage-error.js';

/**
 * Runs ossh with `argv` (without `node` and the script) and resolves with
 * the exit code; never rejects.
 */
export async function main(
  argv: readonly string[],
  terminal: Terminal = processTerminal(),
): Promise<number> {
  const context: CliContext = { terminal, exitCode: 0 };
  const program = createProgram(context);
  const configure = (command: typeof program): void => {
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => terminal.stdout.write(text),
      writeErr: (text) => terminal.stderr.write(text),
      // commander starts its messages with "error: "; every other failure
      // of ossh starts with "ossh: ".
      outputError: (text, write) => write(text.replace(/^error: /, 'ossh: ')),
    });
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end parsing through the same path as mistakes.
      return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    }
    terminal.line(
      `ossh: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}

/** Resolves once everything written to `stream` so far has been handed to the OS. */
export function drain(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}
