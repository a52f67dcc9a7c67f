import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, runCli } from '../e2e/built-cli.js';
import { harnessLeftovers, harnessTarget } from '../e2e/harness-config.js';

const { flags, host } = harnessTarget();

beforeAll(ensureBuiltCli, 240_000);

afterAll(() => {
  expect(harnessLeftovers()).toEqual([]);
});

it.each(['native', 'process'])(
  'reports a reachable host with --transport %s',
  async (transport) => {
    const result = await runCli(['check', ...flags, '--transport', transport, host]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^${host}: ok \\(connected in .*, transport ${transport}`),
    );
  },
);

it('prints JSON per destination and exits 255 when one is unreachable', async () => {
  const result = await runCli([
    'check',
    ...flags,
    '--json',
    '-o',
    'ConnectTimeout=5',
    host,
    'ssh://127.0.0.1:1',
  ]);
  expect(result.code).toBe(255);
  const [reachable, refused] = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(reachable).toMatchObject({ destination: host, ok: true, exitCode: 0, error: null });
  expect(refused).toMatchObject({ destination: 'ssh://127.0.0.1:1', ok: false, exitCode: 255 });
  expect(String(refused?.error)).toContain('connection refused');
});
