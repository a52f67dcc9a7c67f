import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { descendantPids, isAlive, listProcesses, processesMentioning } from './processes.js';

describe('process scanning', () => {
  it('finds this process and a child by its command line, and its descendants', async () => {
    const marker = `marker-${process.pid}-${Date.now()}`;
    const child = spawn('sh', ['-c', `sleep 30; echo ${marker}`]);
    await once(child, 'spawn');
    try {
      expect(listProcesses().some((entry) => entry.pid === process.pid)).toBe(true);
      expect(processesMentioning([marker]).map((entry) => entry.pid)).toContain(child.pid);
      expect(descendantPids(process.pid)).toContain(child.pid);
      expect(isAlive(child.pid!)).toBe(true);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    expect(isAlive(child.pid!)).toBe(false);
    expect(processesMentioning([marker])).toEqual([]);
  });
});
