import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { createProgressReporter } from './progress-reporter.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

it('prints a bounded number of plain lines with bytes and rate', () => {
  const { stream, text } = capture();
  let clock = 0;
  const reporter = createProgressReporter({
    label: 'a.bin',
    total: 1000 * 1024,
    stream,
    interactive: false,
    now: () => clock,
  });
  for (let sent = 0; sent <= 1000 * 1024; sent += 1024) {
    clock += 1;
    reporter.update(sent);
  }
  reporter.finish();
  reporter.finish();
  const lines = text().trimEnd().split('\n');
  expect(lines).toHaveLength(10);
  expect(lines[0]).toBe('a.bin: 10% 100.0 KiB / 1000.0 KiB 990.1 KiB/s');
  expect(lines[9]).toMatch(/^a\.bin: done, 1000\.0 KiB in 1\.0 s \(\d+\.\d KiB\/s\)$/);
});

it('reports where an aborted transfer stopped', () => {
  const { stream, text } = capture();
  const reporter = createProgressReporter({ label: 'x', total: 0, stream, interactive: false });
  reporter.update(512);
  reporter.abort();
  expect(text()).toBe('x: stopped after 512 B\n');
});

it('draws a bar with size, rate and ETA on a terminal', () => {
  const { stream, text } = capture();
  Object.assign(stream, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true });
  let clock = 0;
  const reporter = createProgressReporter({
    label: 'up',
    total: 2048,
    stream,
    interactive: true,
    now: () => clock,
  });
  clock = 1000;
  reporter.update(1024);
  reporter.finish();
  expect(text()).toContain('up [');
  expect(text()).toMatch(/100% \| 2\.0 KiB \/ 2\.0 KiB \| 2\.0 KiB\/s \| ETA/);
});
