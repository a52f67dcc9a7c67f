import { expect, it } from 'vitest';
import type { HostResult } from './host-result.js';
import { hostResultJson, runSummaryJson } from './host-result.js';
import { renderSummaryTable, summaryTotals } from './summary-table.js';

function result(overrides: Partial<HostResult>): HostResult {
  return {
    host: 'web-1',
    outcome: 'ok',
    exitCode: 0,
    code: 0,
    signal: null,
    durationMs: 120,
    firstErrorLine: '',
    stdout: '',
    stderr: '',
    outputTruncated: false,
    ...overrides,
  };
}

it('renders aligned rows and totals without color', () => {
  const table = renderSummaryTable(
    [
      result({}),
      result({ host: 'db-10', outcome: 'failed', exitCode: 3, code: 3, firstErrorLine: 'oops' }),
      result({
        host: 'x',
        outcome: 'failed',
        exitCode: 143,
        code: null,
        signal: 'TERM',
        durationMs: 2500,
      }),
      result({
        host: 'down',
        outcome: 'error',
        exitCode: 255,
        code: null,
        firstErrorLine: 'ossh: refused',
      }),
    ],
    false,
  );
  expect(table).toBe(
    [
      'HOST   EXIT        DURATION  ERROR',
      'web-1  0           120 ms',
      'db-10  3           120 ms    oops',
      'x      143 (TERM)  2.5 s',
      'down   255         120 ms    ossh: refused',
      '4 hosts: 1 ok, 3 failed',
    ].join('\n'),
  );
});

it('colors failures when asked', () => {
  const table = renderSummaryTable([result({ outcome: 'failed', exitCode: 1 })], true);
  expect(table).toContain('\u001b[31m');
  expect(summaryTotals([result({})], false)).toBe('1 host: 1 ok, 0 failed');
});

it('prints one JSON object per host', () => {
  const line = hostResultJson(
    result({ outcome: 'error', exitCode: 255, firstErrorLine: 'ossh: x' }),
  );
  expect(JSON.parse(line)).toEqual({
    type: 'host',
    host: 'web-1',
    outcome: 'error',
    exitCode: 255,
    signal: null,
    durationMs: 120,
    stdout: '',
    stderr: '',
    outputTruncated: false,
    reconnects: 0,
    error: 'ossh: x',
  });
  expect(line).not.toContain('\n');
});

it('ends --json with a summary object counting the hosts by outcome', () => {
  const results = [
    result({}),
    result({ outcome: 'failed', exitCode: 3 }),
    result({ outcome: 'error', exitCode: 255 }),
  ];
  expect(JSON.parse(runSummaryJson(results, 1))).toEqual({
    type: 'summary',
    hosts: 3,
    ok: 1,
    failed: 1,
    error: 1,
    cancelled: 0,
    exitCode: 1,
  });
});
