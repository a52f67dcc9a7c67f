import type { RowResult } from './results.js';

/** A row of a test's run result: the figures that matter, the rest empty. */
export function row(
  name: string,
  role: RowResult['role'],
  values: number[],
  status: RowResult['status'] = 'ok',
): RowResult {
  return { name, role, status, values, peakRssBytes: [], settledRssBytes: [], warnings: [] };
}
