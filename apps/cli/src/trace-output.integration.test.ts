import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, runCli } from './e2e/built-cli.js';
import { harnessLeftovers, harnessTarget } from './e2e/harness-config.js';

const { flags, host } = harnessTarget();

beforeAll(ensureBuiltCli, 240_000);

afterAll(() => {
  expect(harnessLeftovers()).toEqual([]);
});

function linesAfter(prefix: RegExp, text: string): string[] {
  return text
    .split('\n')
    .filter((line) => prefix.test(line))
    .map((line) => line.replace(prefix, ''));
}

it.each(['native', 'process'])(
  'ossh -v --transport %s prints the library trace, line for line what NODE_DEBUG=openssh-ts prints',
  async (transport) => {
    const result = await runCli(
      ['exec', ...flags, '-v', '--transport', transport, host, '--', 'echo', 'traced'],
      { env: { ...process.env, NODE_DEBUG: 'openssh-ts' } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('traced\n');
    const traced = linesAfter(/^ossh\[trace\]: /, result.stderr);
    expect(traced[0]).toMatch(/^ssh: launch master: ssh .* -M .*-o LogLevel=VERBOSE/);
    expect(traced).toContainEqual(
      expect.stringMatching(
        // The process transport puts its pid report (transport-process pid-report.ts) first.
        /^(channel: #\d+ exec echo traced|ssh: command: ssh .* -- '(echo ossh-pid:\$\$ >&2; )?echo traced')$/,
      ),
    );
    expect(linesAfter(/^OPENSSH-TS \d+: /, result.stderr)).toEqual(traced);
  },
);
