/** Marks where BENCHMARKS.md holds the latest full table. */
export const TABLE_START = '<!-- bench:latest-full:start -->';
/** Marks the end of that table. */
export const TABLE_END = '<!-- bench:latest-full:end -->';

/** The markers of one table: `latest-full` (loopback) or `rtt<ms>` (over the link relay). */
export function tableMarkers(name: string): { start: string; end: string } {
  return { start: `<!-- bench:${name}:start -->`, end: `<!-- bench:${name}:end -->` };
}

/**
 * Replaces what lies between the markers of `document` with `table`.
 * Throws when the markers are missing or out of order, rather than appending
 * somewhere a reader would not look.
 */
export function embedTable(document: string, table: string, name = 'latest-full'): string {
  const markers = tableMarkers(name);
  const start = document.indexOf(markers.start);
  const end = document.indexOf(markers.end);
  if (start < 0 || end < start)
    throw new Error(`markers ${markers.start} … ${markers.end} not found in order`);
  return `${document.slice(0, start + markers.start.length)}\n\n${table.trim()}\n\n${document.slice(end)}`;
}
