import { describe, expect, it } from 'vitest';
import { parseCpuTargets, parseWorkerReply } from './isolate.js';

describe('parseWorkerReply', () => {
  it('passes CPU targets and client CPU through', () => {
    expect(
      parseWorkerReply({
        type: 'ready',
        settledRssBytes: 5,
        cpuTargets: { masterPid: 42, connection: { pid: 42 } },
      }),
    ).toEqual({
      type: 'ready',
      settledRssBytes: 5,
      cpuTargets: { masterPid: 42, connection: { pid: 42 } },
    });
    expect(
      parseWorkerReply({ type: 'sample', value: 1, peakRssBytes: 2, clientCpuSeconds: 0.5 }),
    ).toMatchObject({ clientCpuSeconds: 0.5 });
  });

  it('turns a missing or impossible client CPU into "not measured"', () => {
    for (const clientCpuSeconds of [undefined, null, -1, 'x']) {
      expect(
        parseWorkerReply({ type: 'sample', value: 1, peakRssBytes: 2, clientCpuSeconds }),
      ).toMatchObject({ clientCpuSeconds: null });
    }
  });
});

describe('parseCpuTargets', () => {
  it('keeps pids and a local port, drops whatever is not one', () => {
    expect(parseCpuTargets({ connection: { pid: 7, localPort: 40000 } })).toEqual({
      connection: { pid: 7, localPort: 40000 },
    });
    expect(parseCpuTargets({ masterPid: -3, connection: { pid: 1.5, localPort: 1 } })).toEqual({});
    expect(parseCpuTargets({ masterPid: 9, connection: 'x' })).toEqual({ masterPid: 9 });
    expect(parseCpuTargets(null)).toBeUndefined();
  });
});
