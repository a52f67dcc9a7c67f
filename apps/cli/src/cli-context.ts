import type { Terminal } from './terminal.js';

/**
 * What every command's action shares: where output goes, and the exit code
 * the process ends with (actions set it; `main` returns it).
 */
export interface CliContext {
  readonly terminal: Terminal;
  exitCode: number;
}
