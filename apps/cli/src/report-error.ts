import { type ErrorContext, formatErrorLine } from './error-line.js';
import { exitCodeForError, INTERRUPT_EXIT_CODE } from './exit-code.js';
import { isInterrupt } from './interrupt.js';

/**
 * Prints an error as ossh's one line and returns the exit code for it. An
 * interrupt prints `ossh: interrupted` and yields 130, as a shell would.
 */
export function reportError(
  error: unknown,
  context: ErrorContext,
  writeLine: (text: string) => void,
): number {
  if (isInterrupt(error)) {
    writeLine('ossh: interrupted');
    return INTERRUPT_EXIT_CODE;
  }
  writeLine(formatErrorLine(error, context));
  return exitCodeForError(error);
}
