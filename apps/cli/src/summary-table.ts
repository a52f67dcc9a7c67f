// The table `ossh run` prints once every host is done.
import pc from 'picocolors';
import { formatDuration } from './format-units.js';
import type { HostResult } from './host-result.js';

const MAX_ERROR_WIDTH = 80;

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - text.length));
}

function exitColumn(result: HostResult): string {
  if (result.signal !== null) return `${result.exitCode} (${result.signal})`;
  return result.outcome === 'cancelled' ? '-' : String(result.exitCode);
}

/**
 * Renders the summary: one row per host (HOST, EXIT, DURATION, ERROR), then a
 * totals line. Padding is computed on plain text; colors wrap whole cells.
 */
export function renderSummaryTable(results: readonly HostResult[], color: boolean): string {
  const paint = pc.createColors(color);
  const rows = results.map((result) => {
    const error = result.firstErrorLine;
    return {
      result,
      cells: [
        result.host,
        exitColumn(result),
        formatDuration(result.durationMs),
        error.length > MAX_ERROR_WIDTH ? `${error.slice(0, MAX_ERROR_WIDTH - 1)}…` : error,
      ],
    };
  });
  const header = ['HOST', 'EXIT', 'DURATION', 'ERROR'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row.cells[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const lines = [paint.bold(line(header))];
  for (const { result, cells } of rows) {
    const text = line(cells);
    lines.push(result.outcome === 'ok' ? text : paint.red(text));
  }
  lines.push(summaryTotals(results, color));
  return lines.join('\n');
}

/** `100 hosts: 99 ok, 1 failed` (failed counts every host that was not ok). */
export function summaryTotals(results: readonly HostResult[], color: boolean): string {
  const paint = pc.createColors(color);
  const ok = results.filter((result) => result.outcome === 'ok').length;
  const notOk = results.length - ok;
  const noun = results.length === 1 ? 'host' : 'hosts';
  const failed = notOk === 0 ? '0 failed' : paint.red(`${notOk} failed`);
  return `${results.length} ${noun}: ${paint.green(`${ok} ok`)}, ${failed}`;
}
