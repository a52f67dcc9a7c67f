import { describe, expect, it } from 'vitest';
import { chartLinks, ratioCharts, ratioGroups } from './ratio-chart.js';
import type { RunResult } from './results.js';
import { row } from './rows.fixture.js';

const run: RunResult = {
  mode: 'full',
  machine: {} as RunResult['machine'],
  durationSeconds: 12,
  cases: [
    {
      id: 'latency',
      group: 'commands',
      title: 'sequential true',
      unit: 'ms',
      better: 'lower',
      baseline: 'ssh -S ctl',
      rows: [
        row('openssh-ts native', 'project', [2, 2, 2]),
        row('ssh -S ctl', 'comparison', [8, 8, 8]),
        row('fresh ssh', 'comparison', [160, 160, 160]),
        row('broken', 'project', [], 'failed'),
      ],
    },
    {
      id: 'throughput',
      group: 'commands',
      title: '1000 × true',
      unit: 'cmd/s',
      better: 'higher',
      baseline: 'ssh -S ctl',
      rows: [row('openssh-ts native', 'project', [900]), row('ssh -S ctl', 'comparison', [300])],
    },
    {
      id: 'floor',
      group: 'reference',
      title: 'openssl speed',
      unit: 'MiB/s',
      better: 'higher',
      baseline: 'openssl',
      rows: [row('openssl', 'reference', [3500])],
    },
  ],
};

describe('ratio charts', () => {
  it('turns medians into ratios against the baseline, in the direction of the unit', () => {
    const groups = ratioGroups(run);
    // The reference group has only baselines, nothing to compare: no chart.
    expect(groups.map(({ group }) => group)).toEqual(['commands']);
    expect(groups[0]!.bars.map(({ contender, ratio }) => [contender, ratio])).toEqual([
      ['openssh-ts native', 4],
      ['ssh -S ctl', 1],
      ['fresh ssh', 0.05],
      ['openssh-ts native', 3],
      ['ssh -S ctl', 1],
    ]);
  });

  it('renders one SVG per group, naming every case, contender and ratio', async () => {
    const charts = await ratioCharts(run, 'latest-full');
    expect(charts.map(({ file }) => file)).toEqual(['latest-full-commands.svg']);
    const svg = charts[0]!.svg;
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of [
      'sequential true',
      '1000 × true',
      'openssh-ts native',
      'fresh ssh',
      '4.00×',
      '0.05×',
      '3.00×',
    ]) {
      expect(svg).toContain(text);
    }
    expect(svg).not.toContain('broken');
    expect(chartLinks(charts, 'docs/bench')).toBe(
      '![commands: ratios against the baseline](docs/bench/latest-full-commands.svg)',
    );
  });
});
