import { describe, expect, it } from 'vitest';
import type { BenchCase, Contender, Sample } from './bench-case.js';
import { runCase, withTimeout } from './runner.js';

function recording(
  name: string,
  order: string[],
  options: { failAt?: number; teardownError?: string } = {},
): Contender {
  return {
    name,
    role: 'comparison',
    run: (repetition) => {
      if (repetition === options.failAt) return Promise.reject(new Error(`${name} broke`));
      if (repetition >= 0) order.push(`${name}${repetition}`);
      return Promise.resolve({ value: repetition + 1 });
    },
    teardown: () =>
      options.teardownError ? Promise.reject(new Error(options.teardownError)) : Promise.resolve(),
  };
}

function benchCase(contenders: Contender[], repetitions = 3): BenchCase {
  return {
    id: 'case',
    group: 'g',
    title: 't',
    unit: 'ms',
    better: 'lower',
    repetitions,
    warmup: 1,
    baseline: 'A',
    contenders,
  };
}

describe('runCase', () => {
  it('interleaves contenders and rotates who goes first', async () => {
    const order: string[] = [];
    const result = await runCase(
      benchCase([recording('A', order), recording('B', order), recording('C', order)]),
      () => {},
    );
    expect(order).toEqual(['A0', 'B0', 'C0', 'B1', 'C1', 'A1', 'C2', 'A2', 'B2']);
    expect(result.rows.map((row) => row.values)).toEqual([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });

  it('reports a failing contender with its error and keeps measuring the others', async () => {
    const order: string[] = [];
    const result = await runCase(
      benchCase([recording('A', order), recording('B', order, { failAt: 1 })]),
      () => {},
    );
    expect(result.rows[0]).toMatchObject({ status: 'ok', values: [1, 2, 3] });
    expect(result.rows[1]).toMatchObject({ status: 'failed', reason: 'B broke', values: [1] });
  });

  it('never runs an unavailable contender and keeps figures whose teardown failed', async () => {
    const order: string[] = [];
    const missing: Contender = {
      name: 'P',
      role: 'project',
      unavailable: 'not landed',
      run: () => Promise.reject(new Error('ran')),
    };
    const result = await runCase(
      benchCase([
        missing,
        recording('A', order, { teardownError: 'close at /tmp/osb-x1/m failed' }),
      ]),
      () => {},
    );
    expect(result.rows[0]).toMatchObject({
      status: 'not-available',
      reason: 'not landed',
      values: [],
    });
    expect(result.rows[1]).toMatchObject({
      status: 'ok',
      warnings: ['teardown: close at <run directory> failed'],
    });
  });
});

describe('runCase preparation', () => {
  it('prepares once before any setup, and fails every contender when preparing fails', async () => {
    const steps: string[] = [];
    const contender = (name: string): Contender => ({
      name,
      role: 'comparison',
      setup: () => Promise.resolve(void steps.push(`setup ${name}`)),
      run: () => Promise.resolve({ value: 1 }),
    });
    const prepared = await runCase(
      {
        ...benchCase([contender('A'), contender('B')], 1),
        prepare: () => Promise.resolve(void steps.push('prepare')),
      },
      () => {},
    );
    expect(steps).toEqual(['prepare', 'setup A', 'setup B']);
    expect(prepared.rows.every((row) => row.status === 'ok')).toBe(true);

    const broken = await runCase(
      { ...benchCase([contender('A')], 1), prepare: () => Promise.reject(new Error('disk full')) },
      () => {},
    );
    expect(broken.rows[0]).toMatchObject({
      status: 'failed',
      reason: 'preparing the case: disk full',
    });
  });
});

describe('runCase CPU accounting', () => {
  const accounting = { per: 'GiB', amount: 0.5, sshd: { pid: 2 ** 30, port: 1 } } as const;

  it('records client, master and sshd seconds per repetition, blank where nothing serves', async () => {
    const busy: Contender = {
      name: 'A',
      role: 'comparison',
      // Nothing serves it: no master, no connection to find.
      cpuTargets: () => Promise.resolve({}),
      run: () => {
        let spin = 0;
        for (let index = 0; index < 1e6; index += 1) spin += index % 3;
        return Promise.resolve({ value: spin > 0 ? 1 : 0 });
      },
    };
    const isolatedRow: Contender = {
      name: 'B',
      role: 'comparison',
      // What an isolated worker reports: its own measurement wins, even a failed one.
      run: (repetition) =>
        Promise.resolve({ value: 1, clientCpuSeconds: repetition === 0 ? 0.25 : null }),
    };
    const result = await runCase(
      { ...benchCase([busy, isolatedRow], 2), cpu: accounting },
      () => {},
    );
    expect(result.cpu).toEqual({ per: 'GiB', amount: 0.5 });
    const [first, second] = result.rows;
    expect(first?.cpuSeconds?.client.every((value) => value !== null && value > 0)).toBe(true);
    expect(first?.cpuSeconds?.master).toEqual([null, null]);
    expect(first?.cpuSeconds?.sshd).toEqual([null, null]);
    expect(second?.cpuSeconds?.client).toEqual([0.25, null]);
  });

  it('tidies up after every repetition, outside the CPU charged to it, before verifying', async () => {
    const steps: string[] = [];
    const tidy: Contender = {
      name: 'A',
      role: 'comparison',
      run: (repetition) =>
        Promise.resolve(void steps.push(`run ${repetition}`)).then(() => ({ value: 1 })),
      afterRun: (repetition) => Promise.resolve(void steps.push(`after ${repetition}`)),
      verify: () => Promise.resolve(void steps.push('verify')),
    };
    await runCase({ ...benchCase([tidy], 2), cpu: accounting }, () => {});
    expect(steps).toEqual(['run -1', 'after -1', 'run 0', 'after 0', 'verify', 'run 1', 'after 1']);
  });

  it("charges a spawned program's row with that program only, not the Node process starting it", async () => {
    const spin = (): Promise<Sample> => {
      let sum = 0;
      for (let index = 0; index < 2e7; index += 1) sum += index % 3;
      return Promise.resolve({ value: sum > 0 ? 1 : 0 });
    };
    const result = await runCase(
      {
        ...benchCase(
          [
            { name: 'A', role: 'comparison', cpuClient: 'spawned', run: spin },
            { name: 'B', role: 'comparison', run: spin },
          ],
          1,
        ),
        cpu: accounting,
      },
      () => {},
    );
    // Nothing was spawned: the busy loop is Node's, charged to B only.
    const [spawned, whole] = result.rows.map((row) => row.cpuSeconds?.client[0] ?? Number.NaN);
    expect(spawned).toBeLessThan(whole!);
  });

  it('leaves CPU out of cases that do not account for it', async () => {
    const result = await runCase(benchCase([recording('A', [])], 1), () => {});
    expect(result.cpu).toBeUndefined();
    expect(result.rows[0]?.cpuSeconds).toBeUndefined();
  });
});

describe('withTimeout', () => {
  it('passes a result through and rejects work that never settles', async () => {
    await expect(withTimeout(Promise.resolve(7), 50, 'quick')).resolves.toBe(7);
    await expect(withTimeout(new Promise(() => {}), 20, 'stuck')).rejects.toThrow(
      'stuck timed out after 0.02 s',
    );
  });
});
