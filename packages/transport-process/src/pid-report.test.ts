import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_LINE_BYTES } from '@openssh-ts/session-core';
import { PID_REPORT_LIMIT, PidReportScanner, withPidReport } from './pid-report.js';

describe('withPidReport', () => {
  it('prefixes $$ for sh-family shells and $fish_pid for fish', () => {
    expect(withPidReport('true', 'posix')).toBe('echo ossh-pid:$$ >&2; true');
    expect(withPidReport('true', 'fish')).toBe('echo ossh-pid:$fish_pid >&2; true');
  });

  it("leaves the shell probe's line (no family) and a line with no room for the report alone", () => {
    expect(withPidReport('echo probe', undefined)).toBe('echo probe');
    const full = 'x'.repeat(MAX_COMMAND_LINE_BYTES - 5);
    expect(withPidReport(full, 'posix')).toBe(full);
  });
});

describe('PidReportScanner', () => {
  it('cuts the report out, split across chunks, keeping startup noise and what follows', () => {
    const scanner = new PidReportScanner();
    expect(scanner.push(Buffer.from('motd\nossh-p'))).toEqual({ state: 'pending' });
    const verdict = scanner.push(Buffer.from('id:4242\nerr'));
    expect(verdict).toMatchObject({ state: 'done', pid: 4242 });
    expect(verdict.state === 'done' && verdict.rest.toString()).toBe('motd\nerr');
  });

  it('never yields 0 or 1 (kill -- -1 would signal every process) nor an empty pid', () => {
    for (const text of ['ossh-pid:1\n', 'ossh-pid:0\n', 'ossh-pid:\n']) {
      expect(new PidReportScanner().push(Buffer.from(text))).toMatchObject({
        state: 'done',
        pid: null,
      });
    }
  });

  it('gives up after the limit and hands every byte on', () => {
    const noise = Buffer.alloc(PID_REPORT_LIMIT + 1, 0x61);
    const verdict = new PidReportScanner().push(noise);
    expect(verdict).toMatchObject({ state: 'done', pid: null });
    expect(verdict.state === 'done' && verdict.rest.equals(noise)).toBe(true);
  });
});
