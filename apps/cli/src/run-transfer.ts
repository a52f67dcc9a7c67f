// Carries out a TransferPlan with one progress display for all of it.
import { formatBytes } from './format-units.js';
import { createProgressReporter } from './progress-reporter.js';
import type { Terminal } from './terminal.js';
import type { PlannedFile, TransferPlan } from './transfer-plan.js';

/** How to copy one file and make one directory, for either direction. */
export interface TransferOperations {
  makeDirectory(path: string): Promise<void>;
  copyFile(file: PlannedFile, onProgress: (transferred: number) => void): Promise<void>;
}

/**
 * Creates the plan's directories, then copies its files one after another,
 * reporting bytes over the whole plan. Resolves with a one-line summary.
 */
export async function runTransfer(
  plan: TransferPlan,
  label: string,
  terminal: Terminal,
  operations: TransferOperations,
): Promise<string> {
  for (const skipped of plan.skipped)
    terminal.line(`ossh: skipped ${skipped} (not a regular file or directory)`);
  for (const directory of plan.directories) await operations.makeDirectory(directory);
  const reporter = createProgressReporter({
    label,
    total: plan.totalBytes,
    stream: terminal.stderr,
    interactive: terminal.interactive,
  });
  let completed = 0;
  try {
    for (const file of plan.files) {
      await operations.copyFile(file, (transferred) => reporter.update(completed + transferred));
      completed += file.size;
      reporter.update(completed);
    }
    reporter.finish();
  } catch (error) {
    reporter.abort();
    throw error;
  }
  const files = plan.files.length === 1 ? '1 file' : `${plan.files.length} files`;
  return `${files}, ${formatBytes(plan.totalBytes)}`;
}
