import { describe, expect, it } from 'vitest';
import { addCpuSample, cpuCell, emptyCpuRecord, medianPerUnit } from './cpu-figures.js';
import { secondsBetween } from './cpu-meter.js';
import { formatFigure } from './table.js';

const HALF_GIB = { per: 'GiB', amount: 0.5 } as const;
const THOUSAND_COMMANDS = { per: 'command', amount: 1000 } as const;

describe('medianPerUnit', () => {
  it('divides by GiB moved, or gives milliseconds per command', () => {
    expect(medianPerUnit([0.3, 0.32, 0.5], HALF_GIB)).toBeCloseTo(0.64);
    expect(medianPerUnit([1.5, 2.5], THOUSAND_COMMANDS)).toBeCloseTo(2);
  });

  it('is null unless every repetition was measured', () => {
    expect(medianPerUnit([0.3, null], HALF_GIB)).toBeNull();
    expect(medianPerUnit([], HALF_GIB)).toBeNull();
    expect(medianPerUnit([Number.NaN], HALF_GIB)).toBeNull();
    expect(medianPerUnit([1], { per: 'GiB', amount: 0 })).toBeNull();
  });
});

describe('cpuCell', () => {
  it('shows client/master/sshd with the unit', () => {
    const record = emptyCpuRecord();
    addCpuSample(record, { client: 0.32, master: 0.74, sshd: 0.81 });
    addCpuSample(record, { client: 0.32, master: 0.74, sshd: 0.81 });
    expect(cpuCell(record, HALF_GIB, formatFigure)).toBe('0.64/1.48/1.62 s/GiB');
  });

  it('dashes a process that does not exist or was not measured', () => {
    const record = emptyCpuRecord();
    addCpuSample(record, { client: 0.3, master: null, sshd: 1.5 });
    expect(cpuCell(record, THOUSAND_COMMANDS, formatFigure)).toBe('0.30/–/1.50 ms/cmd');
  });

  it('is empty when nothing was measured or the case does not account for CPU', () => {
    const record = emptyCpuRecord();
    addCpuSample(record, { client: null, master: null, sshd: null });
    expect(cpuCell(record, HALF_GIB, formatFigure)).toBe('');
    expect(cpuCell(undefined, HALF_GIB, formatFigure)).toBe('');
    expect(cpuCell(record, undefined, formatFigure)).toBe('');
  });
});

describe('secondsBetween', () => {
  it('is the difference, or null when a reading is missing or went backwards', () => {
    expect(secondsBetween(1.25, 2)).toBe(0.75);
    expect(secondsBetween(null, 2)).toBeNull();
    expect(secondsBetween(1, null)).toBeNull();
    expect(secondsBetween(3, 2)).toBeNull();
  });
});
