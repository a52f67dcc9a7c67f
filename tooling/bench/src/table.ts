import type { CaseResult, RowResult, RunResult } from './results.js';
import { cpuCell } from './cpu-figures.js';
import { machineLine } from './machine.js';
import { advantage, summarize } from './stats.js';

/** A figure with about three significant digits. */
export function formatFigure(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toString();
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const MiB = 1024 * 1024;

function ratioText(ratio: number, against: string): string {
  // Losses are spelled out so that a table read in a hurry cannot hide them.
  const shown = ratio.toFixed(2);
  return `${shown}× ${against}${Number(shown) < 1 ? ' (loss)' : ''}`;
}

/**
 * The comparison cell of a row: the project's rows are compared with every
 * comparison tool that ran and with the baseline (a reference floor in the
 * micro cases); every other row with the case's baseline only.
 */
export function comparisons(result: CaseResult, row: RowResult): string {
  if (row.status !== 'ok') return '';
  const median = summarize(row.values)?.median;
  if (median === undefined) return '';
  if (row.name === result.baseline) return 'baseline';
  const others = result.rows.filter((other) =>
    row.role === 'project'
      ? other.role === 'comparison' || other.name === result.baseline
      : other.name === result.baseline,
  );
  const parts: string[] = [];
  for (const other of others) {
    const otherMedian = other.status === 'ok' ? summarize(other.values)?.median : undefined;
    const ratio =
      otherMedian === undefined ? undefined : advantage(median, otherMedian, result.better);
    if (ratio !== undefined) parts.push(ratioText(ratio, other.name));
  }
  return parts.join('; ');
}

/** A latency in ms, and over a link also in round trips: `71.0 (1.42 RTT)`. */
export function latencyText(milliseconds: number, roundTripMs: number | undefined): string {
  const figure = formatFigure(milliseconds);
  if (roundTripMs === undefined || roundTripMs <= 0) return figure;
  return `${figure} (${(milliseconds / roundTripMs).toFixed(2)} RTT)`;
}

/** The cells of one row, in the order of {@link HEADER}; `roundTripMs` adds round trips to latencies. */
export function rowCells(
  result: CaseResult,
  row: RowResult,
  first: boolean,
  roundTripMs?: number,
): string[] {
  const title = first ? `${result.title}` : '';
  const summary = summarize(row.values);
  const median = (value: number): string =>
    result.unit === 'ms' ? latencyText(value, roundTripMs) : formatFigure(value);
  const figures =
    row.status === 'not-available'
      ? ['not available', '']
      : row.status === 'failed'
        ? ['failed', summary ? `${formatFigure(summary.min)}–${formatFigure(summary.max)}` : '']
        : summary
          ? [median(summary.median), `${formatFigure(summary.min)}–${formatFigure(summary.max)}`]
          : ['', ''];
  return [
    title,
    row.name,
    ...figures,
    first ? result.unit : '',
    rssCell(row),
    row.status === 'not-available' ? '' : cpuCell(row.cpuSeconds, result.cpu, formatFigure),
    comparisons(result, row),
  ];
}

/**
 * Peak RSS over the case, and in parentheses how far it rose above the
 * worker's RSS after setup: the part the measured work itself needed.
 */
export function rssCell(row: RowResult): string {
  if (row.peakRssBytes.length === 0) return '';
  const peak = Math.max(...row.peakRssBytes);
  const settled = row.settledRssBytes.length > 0 ? Math.min(...row.settledRssBytes) : undefined;
  const growth =
    settled === undefined ? '' : ` (+${Math.max(0, Math.round((peak - settled) / MiB))})`;
  return `${Math.round(peak / MiB)} MiB${growth}`;
}

/** Column headings. */
export const HEADER = [
  'case',
  'contender',
  'median',
  'min–max',
  'unit',
  'peak RSS',
  'CPU client/master/sshd',
  'ratio (>1 = better than)',
];

/** Columns whose cells are figures, aligned to the right. */
const RIGHT_ALIGNED = new Set(['median', 'min–max', 'peak RSS', 'CPU client/master/sshd']);

/** Rows that did not produce figures, with the reason: listed under the table. */
export function notes(run: RunResult): string[] {
  const lines: string[] = [];
  for (const result of run.cases) {
    for (const row of result.rows) {
      if (row.status !== 'ok')
        lines.push(`${result.id} / ${row.name}: ${row.status} — ${row.reason ?? ''}`);
      for (const warning of row.warnings)
        lines.push(`${result.id} / ${row.name}: warning — ${warning}`);
    }
  }
  return lines;
}

/** The plain-text table printed at the end of a run. */
export function textTable(run: RunResult): string {
  const rows: string[][] = [HEADER];
  const separators = new Set<number>();
  for (const result of run.cases) {
    separators.add(rows.length);
    result.rows.forEach((row, index) =>
      rows.push(rowCells(result, row, index === 0, run.link?.roundTripMs)),
    );
  }
  const widths = HEADER.map((_, column) =>
    Math.max(...rows.map((cells) => [...(cells[column] ?? '')].length)),
  );
  const pad = (text: string, width: number, right: boolean): string => {
    const fill = ' '.repeat(Math.max(0, width - [...text].length));
    return right ? fill + text : text + fill;
  };
  const lines = rows.map((cells, index) => {
    const line = cells
      .map((cell, column) =>
        pad(cell, widths[column] ?? 0, RIGHT_ALIGNED.has(HEADER[column] ?? '')),
      )
      .join('  ');
    return (separators.has(index) ? '\n' : '') + line.trimEnd();
  });
  const noteLines = notes(run);
  const link = linkLine(run);
  return [
    `openssh-ts benchmarks (${run.mode}, ${Math.round(run.durationSeconds)} s)`,
    machineLine(run.machine),
    ...(link === undefined ? [] : [link]),
    ...lines,
    ...(noteLines.length > 0 ? ['', ...noteLines] : []),
  ].join('\n');
}

/** The link and load line of a run over the relay (and the load of any run); undefined when neither is known. */
export function linkLine(run: RunResult): string | undefined {
  const parts: string[] = [];
  const { link, loadAverage } = run;
  if (link !== undefined) {
    const rate =
      link.rateMbitPerSecond === undefined
        ? 'no rate limit'
        : `${link.rateMbitPerSecond} Mbit/s each way`;
    const gibibytes = link.relayedBytes / 2 ** 30;
    // Below ~64 MiB the relay's start-up dominates its CPU time: no per-GiB figure then.
    const perGiB =
      gibibytes >= 1 / 16 ? ` (${(link.relayCpuSeconds / gibibytes).toFixed(2)} s/GiB)` : '';
    parts.push(
      `${link.roundTripMs} ms round trip through the link relay (${link.roundTripMs / 2} ms each way, ${rate}); ` +
        `relay CPU ${link.relayCpuSeconds.toFixed(1)} s for ${gibibytes.toFixed(2)} GiB${perGiB}`,
    );
  }
  if (loadAverage !== undefined) {
    parts.push(
      `load average ${loadAverage.start.toFixed(1)} at start, ${loadAverage.end.toFixed(1)} at end (shared machine)`,
    );
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The same table in Markdown, as `results/latest.md` and BENCHMARKS.md hold it. */
export function markdownTable(run: RunResult): string {
  const { machine } = run;
  const lines = [
    `- **Run**: ${run.mode}, ${Math.round(run.durationSeconds)} s, ${machine.date}`,
    `- **Machine**: ${machine.cpuModel}, ${machine.cores} cores, Linux ${machine.kernel}, Node ${machine.node}`,
    `- **OpenSSH**: client ${machine.sshClient}; server ${machine.sshServer}; ${machine.openssl}; ssh2 ${machine.ssh2}`,
    `- **Negotiated**: ${machine.negotiated.map((entry) => `${entry.cipher} + ${entry.kex}`).join('; ')}`,
    ...[linkLine(run)].flatMap((line) => (line === undefined ? [] : [`- **Link**: ${line}`])),
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((heading) => (RIGHT_ALIGNED.has(heading) ? '---:' : '---')).join('|')}|`,
  ];
  for (const result of run.cases) {
    result.rows.forEach((row, index) => {
      lines.push(
        `| ${rowCells(result, row, index === 0, run.link?.roundTripMs)
          .map(escapeCell)
          .join(' | ')} |`,
      );
    });
  }
  const noteLines = notes(run);
  if (noteLines.length > 0) lines.push('', ...noteLines.map((line) => `- ${escapeCell(line)}`));
  return `${lines.join('\n')}\n`;
}
