import { expect, it } from 'vitest';
import { FanOutStatus, finishedLine } from './fan-out-status.js';
import type { HostResult } from './host-result.js';

function result(host: string, overrides: Partial<HostResult> = {}): HostResult {
  return {
    host,
    outcome: 'ok',
    exitCode: 0,
    code: 0,
    signal: null,
    durationMs: 50,
    firstErrorLine: '',
    stdout: '',
    stderr: '',
    outputTruncated: false,
    ...overrides,
  };
}

it('tracks phases and renders the hosts in flight, oldest first', () => {
  const status = new FanOutStatus(['a', 'b', 'c', 'd']);
  status.connecting(0, 1000);
  status.connecting(1, 1500);
  status.running(0);
  status.finished(1, result('b', { outcome: 'error', exitCode: 255 }));
  status.connecting(2, 1800);
  expect(status.counts()).toEqual({
    queued: 1,
    connecting: 1,
    running: 1,
    reconnecting: 0,
    done: 1,
    failed: 1,
  });
  expect(status.renderFrame(2000, 10, false)).toBe(
    [
      '1/4 done, 1 failed, 2 in flight, 1 queued',
      '  running    a 1.0 s',
      '  connecting c 200 ms',
    ].join('\n'),
  );
});

it('shows a host waiting to connect again, with its attempt', () => {
  const status = new FanOutStatus(['a', 'b']);
  status.connecting(0, 1000);
  status.running(0);
  status.reconnecting(0, 1, 2);
  expect(status.counts()).toMatchObject({ running: 0, reconnecting: 1 });
  expect(status.renderFrame(1500, 10, false)).toBe(
    ['0/2 done, 1 in flight, 1 queued', '  reconnecting a 500 ms (reconnect 1/2)'].join('\n'),
  );
  status.connecting(0, 1000);
  expect(status.renderFrame(1500, 10, false)).toBe(
    ['0/2 done, 1 in flight, 1 queued', '  connecting a 500 ms (reconnect 1/2)'].join('\n'),
  );
});

it('caps the host lines', () => {
  const status = new FanOutStatus(['a', 'b', 'c']);
  for (const index of [0, 1, 2]) status.connecting(index, index);
  const frame = status.renderFrame(10, 1, false);
  expect(frame.split('\n')).toHaveLength(3);
  expect(frame).toContain('… and 2 more');
});

it('ignores unknown indexes', () => {
  const status = new FanOutStatus(['a']);
  status.connecting(5, 0);
  status.running(5);
  status.finished(5, result('x'));
  expect(status.counts().queued).toBe(1);
});

it('describes a finished host in one line', () => {
  expect(finishedLine(result('web-1'))).toBe('web-1: exit 0 (50 ms)');
  expect(
    finishedLine(
      result('db', { outcome: 'failed', exitCode: 143, signal: 'TERM', firstErrorLine: 'bye' }),
    ),
  ).toBe('db: killed by TERM (exit 143) (50 ms): bye');
  expect(finishedLine(result('x', { outcome: 'cancelled', firstErrorLine: 'interrupted' }))).toBe(
    'x: cancelled (50 ms): interrupted',
  );
});
