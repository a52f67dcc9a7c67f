import { describe, expect, it } from 'vitest';
import type { CaseResult } from './results.js';
import type { RunResult } from './results.js';
import { row } from './rows.fixture.js';
import { comparisons, formatFigure, latencyText, linkLine, rowCells, rssCell } from './table.js';

const result: CaseResult = {
  id: 'latency',
  group: 'commands',
  title: 'sequential true',
  unit: 'ms',
  better: 'lower',
  baseline: 'ssh',
  rows: [
    row('project', 'project', [2, 3, 4]),
    row('ssh', 'comparison', [6, 6, 9]),
    row('ssh2', 'comparison', [1.5, 1.5, 1.5]),
    row('native', 'project', [], 'not-available'),
  ],
};

describe('table', () => {
  it('formats figures to about three significant digits', () => {
    expect([formatFigure(1234.5), formatFigure(45.67), formatFigure(1.234)]).toEqual([
      '1235',
      '45.7',
      '1.23',
    ]);
  });

  it('compares a project row with every comparison and marks losses', () => {
    expect(comparisons(result, result.rows[0]!)).toBe('2.00× ssh; 0.50× ssh2 (loss)');
  });

  it('compares other rows with the baseline only', () => {
    expect(comparisons(result, result.rows[1]!)).toBe('baseline');
    expect(comparisons(result, result.rows[2]!)).toBe('4.00× ssh');
  });

  it('shows peak RSS with its rise above the worker after setup', () => {
    const measured = {
      ...row('native', 'project', [1]),
      peakRssBytes: [130 * 2 ** 20, 140 * 2 ** 20],
      settledRssBytes: [100 * 2 ** 20],
    };
    expect(rssCell(measured)).toBe('140 MiB (+40)');
    expect(rssCell(row('sftp', 'comparison', [1]))).toBe('');
  });

  it('shows the CPU column only in cases that account for CPU', () => {
    const accounted: CaseResult = {
      ...result,
      cpu: { per: 'command', amount: 100 },
      rows: [
        {
          ...row('ssh2', 'comparison', [1]),
          cpuSeconds: { client: [0.03], master: [null], sshd: [0.15] },
        },
      ],
    };
    expect(rowCells(accounted, accounted.rows[0]!, true)[6]).toBe('0.30/–/1.50 ms/cmd');
    expect(rowCells(result, result.rows[0]!, true)[6]).toBe('');
  });

  it('never shows a figure for a contender that is not available', () => {
    expect(rowCells(result, result.rows[3]!, false).slice(1, 4)).toEqual([
      'native',
      'not available',
      '',
    ]);
  });

  it('shows latencies over a link in round trips too, and only latencies', () => {
    expect(latencyText(71, 50)).toBe('71.0 (1.42 RTT)');
    expect(latencyText(71, undefined)).toBe('71.0');
    expect(rowCells(result, row('p', 'project', [100]), true, 50)[2]).toBe('100 (2.00 RTT)');
    const throughput: CaseResult = { ...result, unit: 'MiB/s', better: 'higher' };
    expect(rowCells(throughput, row('p', 'project', [100]), true, 50)[2]).toBe('100');
  });

  it('states the link, the relay CPU per GiB and the load', () => {
    const run = {
      link: { roundTripMs: 50, relayedBytes: 2 * 2 ** 30, relayCpuSeconds: 2 },
      loadAverage: { start: 3, end: 4.25 },
    } as unknown as RunResult;
    expect(linkLine(run)).toBe(
      '50 ms round trip through the link relay (25 ms each way, no rate limit); relay CPU 2.0 s for 2.00 GiB (1.00 s/GiB); load average 3.0 at start, 4.3 at end (shared machine)',
    );
    expect(linkLine({} as RunResult)).toBeUndefined();
  });
});
