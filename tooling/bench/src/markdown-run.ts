// Reads a run back from the Markdown table that `markdownTable` wrote into
// BENCHMARKS.md, so that charts can be drawn from figures already committed
// without running the suite again. The table keeps each contender's median,
// not every repetition, so each row gets that median as its one value, which
// is all a ratio chart needs.
import type { Better, ContenderRole, Unit } from './bench-case.js';
import type { MachineInfo } from './machine.js';
import type { CaseResult, RowResult, RunResult } from './results.js';
import { tableMarkers } from './embed-table.js';

const UNITS: readonly Unit[] = ['ms', 'cmd/s', 'MiB/s', 'ops/s', 'msg/s'];

/**
 * The table has no group column: a case's group follows from its title, as
 * the cases in src/cases name them. Unknown titles fall into `other`.
 */
const GROUP_BY_TITLE: readonly (readonly [RegExp, string])[] = [
  [/^openssl speed|^Unix socket|spawn\(/, 'reference'],
  [/^connect\b/, 'connect'],
  [/`true`/, 'commands'],
  [/^SFTP /, 'sftp'],
  [/remote stdout|remote stdin/, 'streams'],
  [/^quote /, 'escape'],
  [/^decode /, 'mux-codec'],
];

function groupOf(title: string): string {
  return GROUP_BY_TITLE.find(([pattern]) => pattern.test(title))?.[1] ?? 'other';
}

function roleOf(name: string, group: string): ContenderRole {
  if (/^@?openssh-ts\b/.test(name)) return 'project';
  return group === 'reference' || name.includes('(floor)') ? 'reference' : 'comparison';
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

interface PendingCase {
  title: string;
  unit: Unit;
  baseline: string | undefined;
  rows: RowResult[];
}

/**
 * The run between the `name` markers of `document` (`latest-full` or
 * `rtt<ms>`). Throws when the markers or the table's columns are missing.
 */
export function runFromMarkdown(document: string, name: string): RunResult {
  const markers = tableMarkers(name);
  const start = document.indexOf(markers.start);
  const end = document.indexOf(markers.end);
  if (start < 0 || end < start) throw new Error(`no ${markers.start} … ${markers.end} table`);
  const lines = document.slice(start + markers.start.length, end).split('\n');
  const header = lines.find((line) => line.startsWith('| case '));
  if (header === undefined) throw new Error(`${name}: no table header`);
  const columns = cells(header);
  const column = (wanted: string): number => {
    const index = columns.findIndex((title) => title.startsWith(wanted));
    if (index < 0) throw new Error(`${name}: no ${wanted} column`);
    return index;
  };
  const [caseColumn, contender, median, unit, ratio] = [
    column('case'),
    column('contender'),
    column('median'),
    column('unit'),
    column('ratio'),
  ];
  const pending: PendingCase[] = [];
  for (const line of lines.filter((text) => text.startsWith('| ') && text !== header)) {
    const row = cells(line);
    if (/^-+:?$/.test(row[caseColumn] ?? '')) continue;
    const title = row[caseColumn] ?? '';
    if (title !== '') {
      const unitText = row[unit] as Unit;
      if (!UNITS.includes(unitText)) throw new Error(`${name}: unknown unit ${unitText}`);
      pending.push({ title, unit: unitText, baseline: undefined, rows: [] });
    }
    const current = pending.at(-1);
    if (current === undefined) continue;
    const contenderName = row[contender] ?? '';
    // "569 (28.47 RTT)" over a link; a failed or unavailable row has no number.
    const figure = Number.parseFloat(row[median] ?? '');
    if (row[ratio] === 'baseline') current.baseline = contenderName;
    current.rows.push({
      name: contenderName,
      role: roleOf(contenderName, groupOf(current.title)),
      status: Number.isFinite(figure) ? 'ok' : 'failed',
      warnings: [],
      values: Number.isFinite(figure) ? [figure] : [],
      peakRssBytes: [],
      settledRssBytes: [],
    });
  }
  const cases: CaseResult[] = pending.map((entry, index) => {
    const group = groupOf(entry.title);
    const better: Better = entry.unit === 'ms' ? 'lower' : 'higher';
    return {
      id: `${group}-${index}`,
      group,
      title: entry.title,
      unit: entry.unit,
      better,
      baseline: entry.baseline ?? entry.rows[0]?.name ?? '',
      rows: entry.rows,
    };
  });
  const roundTrip = /^rtt(\d+)$/.exec(name)?.[1];
  return {
    mode: 'full',
    ...(roundTrip === undefined
      ? {}
      : {
          link: { roundTripMs: Number(roundTrip), relayedBytes: 0, relayCpuSeconds: 0 },
        }),
    machine: {} as MachineInfo,
    durationSeconds: 0,
    cases,
  };
}
