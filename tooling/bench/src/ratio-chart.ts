// One SVG per group of cases: each contender's median as a ratio against its
// case's baseline, so a reader sees wins and losses at a glance instead of
// reading ratios out of the table. vega-lite describes the chart and vega
// renders it headless (no canvas, no browser): text widths are estimated,
// which is good enough for labels.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ContenderRole } from './bench-case.js';
import type { RunResult } from './results.js';
import { advantage, summarize } from './stats.js';

/** Where BENCHMARKS.md's charts live, relative to the repository root. */
export const CHART_DIRECTORY = 'docs/benchmarks';

/** One bar of a chart: a contender's advantage over its case's baseline. */
export interface RatioBar {
  readonly case: string;
  readonly contender: string;
  readonly role: ContenderRole;
  /** Above 1 the contender beats the baseline, whatever the unit's direction. */
  readonly ratio: number;
  readonly baseline: boolean;
}

/** One group's bars, in the order the table lists them. */
export interface RatioGroup {
  readonly group: string;
  readonly bars: readonly RatioBar[];
}

/**
 * The bars of every group that compares something: a group whose cases have
 * only their baseline (the reference floors) has nothing to chart and is left out,
 * and so is a contender without a positive median (failed, not available).
 */
export function ratioGroups(run: RunResult): RatioGroup[] {
  const groups = new Map<string, RatioBar[]>();
  for (const result of run.cases) {
    const baselineRow = result.rows.find((row) => row.name === result.baseline);
    const baselineMedian =
      baselineRow?.status === 'ok' ? summarize(baselineRow.values)?.median : undefined;
    if (baselineMedian === undefined) continue;
    const bars = groups.get(result.group) ?? [];
    for (const row of result.rows) {
      const median = row.status === 'ok' ? summarize(row.values)?.median : undefined;
      const ratio =
        median === undefined ? undefined : advantage(median, baselineMedian, result.better);
      if (ratio === undefined) continue;
      bars.push({
        case: result.title,
        contender: row.name,
        role: row.role,
        ratio,
        baseline: row.name === result.baseline,
      });
    }
    groups.set(result.group, bars);
  }
  return [...groups]
    .filter(([, bars]) => bars.some((bar) => !bar.baseline))
    .map(([group, bars]) => ({ group, bars }));
}

/** The vega-lite description of one group's chart: one panel per case, log-scale ratios. */
export function ratioChartSpec(group: RatioGroup, heading: string): TopLevelSpec {
  const ratios = group.bars.map((bar) => bar.ratio);
  // A log scale keeps 0.5× and 2× equally far from the 1× rule; the low end
  // has room for the label left of the longest loss.
  const reach = Math.max(2, ...ratios.map((ratio) => Math.max(ratio, 1 / ratio))) * 1.15;
  const cases = [...new Set(group.bars.map((bar) => bar.case))];
  const x = {
    field: 'ratio',
    type: 'quantitative' as const,
    scale: { type: 'log' as const, domain: [1 / (reach * 3), reach], clamp: true, nice: false },
    title: 'ratio against the baseline (log scale)',
  };
  const y = {
    field: 'contender',
    type: 'nominal' as const,
    sort: null,
    title: null,
    axis: { labelLimit: 320 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: heading, subtitle: 'median ÷ baseline median; > 1 is better than the baseline' },
    // One panel per case rather than a facet: each case has its own contenders.
    vconcat: cases.map((title) => ({
      title: { text: title, anchor: 'start', fontSize: 12 },
      width: 420,
      data: {
        values: group.bars
          .filter((bar) => bar.case === title)
          .map((bar) => ({
            ...bar,
            label: bar.baseline ? '1× (baseline)' : `${bar.ratio.toFixed(2)}×`,
          })),
      },
      layer: [
        {
          mark: { type: 'bar', height: 12 },
          encoding: {
            y,
            x,
            x2: { datum: 1 },
            color: {
              field: 'role',
              type: 'nominal',
              title: 'contender',
              scale: {
                domain: ['project', 'comparison', 'reference'],
                range: ['#1f77b4', '#ff7f0e', '#7f7f7f'],
              },
            },
          },
        },
        // Labels sit beyond the bar's free end: right of a win, left of a loss.
        {
          transform: [{ filter: 'datum.ratio >= 1' }],
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
          encoding: { y, x, text: { field: 'label' } },
        },
        {
          transform: [{ filter: 'datum.ratio < 1' }],
          mark: { type: 'text', align: 'right', dx: -4, fontSize: 10 },
          encoding: { y, x, text: { field: 'label' } },
        },
        { mark: { type: 'rule', color: 'black' }, encoding: { x: { datum: 1 } } },
      ],
    })),
    config: { font: 'sans-serif', view: { stroke: null } },
  };
}

/** Renders a vega-lite description to SVG text, with no browser and no canvas. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

/** One file per charted group of a run: `<prefix>-<group>.svg` and its SVG text. */
export async function ratioCharts(
  run: RunResult,
  prefix: string,
): Promise<{ readonly group: string; readonly file: string; readonly svg: string }[]> {
  const where = run.link === undefined ? 'loopback' : `${run.link.roundTripMs} ms round trip`;
  return Promise.all(
    ratioGroups(run).map(async (group) => ({
      group: group.group,
      file: `${prefix}-${group.group}.svg`,
      svg: await renderSvg(ratioChartSpec(group, `${group.group} (${run.mode} run, ${where})`)),
    })),
  );
}

/** Markdown image lines for charts stored in `directory` (relative to the document). */
export function chartLinks(
  charts: readonly { readonly group: string; readonly file: string }[],
  directory: string,
): string {
  return charts
    .map(({ group, file }) => `![${group}: ratios against the baseline](${directory}/${file})`)
    .join('\n\n');
}

/** Renders a run's charts and writes them into `directory`; returns what it wrote. */
export async function writeRatioCharts(
  run: RunResult,
  directory: string,
  prefix: string,
): Promise<{ readonly group: string; readonly file: string }[]> {
  const charts = await ratioCharts(run, prefix);
  await mkdir(directory, { recursive: true });
  await Promise.all(charts.map(({ file, svg }) => writeFile(join(directory, file), svg)));
  return charts;
}
