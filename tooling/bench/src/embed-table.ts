/** Marks where BENCHMARKS.md holds the latest full table. */
export const TABLE_START = '<!-- bench:latest-full:start -->';
/** Marks the end of that table. */
export const TABLE_END = '<!-- bench:latest-full:end -->';

/**
 * Replaces what lies between the markers of `document` with `table`.
 * Throws when the markers are missing or out of order, rather than appending
 * somewhere a reader would not look.
 */
export function embedTable(document: string, table: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`markers ${TABLE_START} … ${TABLE_END} not found in order`);
  return `${document.slice(0, start + TABLE_START.length)}\n\n${table.trim()}\n\n${document.slice(end)}`;
}
