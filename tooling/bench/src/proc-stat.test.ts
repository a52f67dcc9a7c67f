import { describe, expect, it } from 'vitest';
import {
  ownCpuSeconds,
  parseProcStat,
  parseSchedstat,
  readProcessTable,
  treeSum,
  type ProcStat,
} from './proc-stat.js';

// A real line (cat, pid 20669) with fields 14–17 and 20 changed to tell them apart.
const LINE =
  '20669 (cat) R 20625 20625 17877 0 -1 4194304 101 0 0 0 11 12 13 14 20 0 1 0 945090 3133440 410 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0';

function stat(pid: number, parentPid: number, ticks: number): ProcStat {
  return {
    pid,
    parentPid,
    state: 'S',
    userTicks: ticks,
    systemTicks: 0,
    childUserTicks: 0,
    childSystemTicks: 0,
    threads: 1,
  };
}

describe('parseProcStat', () => {
  it('reads state, parent, the four times and the thread count', () => {
    expect(parseProcStat(LINE)).toEqual({
      pid: 20669,
      state: 'R',
      parentPid: 20625,
      userTicks: 11,
      systemTicks: 12,
      childUserTicks: 13,
      childSystemTicks: 14,
      threads: 1,
    });
  });

  it('counts fields from the last parenthesis, whatever the command name holds', () => {
    const tricky = LINE.replace('(cat)', '(sshd: a) b (c)');
    expect(parseProcStat(tricky)).toMatchObject({ pid: 20669, parentPid: 20625, userTicks: 11 });
  });

  it('refuses truncated, non-numeric and negative input instead of guessing', () => {
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('12 (x) S 1 2 3')).toBeUndefined();
    expect(parseProcStat(LINE.replace(' 11 12 ', ' 11 x '))).toBeUndefined();
    expect(parseProcStat(LINE.replace(' 11 12 ', ' 11 -1 '))).toBeUndefined();
    expect(parseProcStat(LINE.replace('20669 (', 'abc ('))).toBeUndefined();
  });

  it('parses this very process', () => {
    const table = readProcessTable();
    expect(table.find((entry) => entry.pid === process.pid)).toMatchObject({
      parentPid: process.ppid,
    });
  });
});

describe('parseSchedstat', () => {
  it('takes the nanoseconds on CPU', () => {
    expect(parseSchedstat('650554 52468 1\n')).toBe(650554);
    expect(parseSchedstat('nonsense')).toBeUndefined();
  });
});

describe('treeSum', () => {
  const table = [
    stat(1, 0, 1000),
    stat(10, 1, 5),
    stat(11, 10, 7),
    stat(12, 10, 11),
    stat(20, 1, 3),
  ];
  const ticks = (entry: ProcStat): number => entry.userTicks;

  it('sums a root and every descendant, and nothing beside them', () => {
    expect(treeSum(table, 10, ticks)).toBe(23);
    expect(treeSum(table, 20, ticks)).toBe(3);
  });

  it('is undefined for a root that is gone', () => {
    expect(treeSum(table, 99, ticks)).toBeUndefined();
  });

  it('does not loop on a table whose parents form a cycle', () => {
    expect(treeSum([stat(5, 6, 1), stat(6, 5, 2)], 5, ticks)).toBe(3);
  });
});

describe('ownCpuSeconds', () => {
  it('grows as this process works', () => {
    const before = ownCpuSeconds();
    let spin = 0;
    for (let index = 0; index < 2e6; index += 1) spin += index % 7;
    const after = ownCpuSeconds();
    expect(spin).toBeGreaterThan(0);
    expect(before).not.toBeNull();
    expect(after! - before!).toBeGreaterThan(0);
  });
});
