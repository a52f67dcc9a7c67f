// Regression: commander's own mistakes started with "error:" where every
// other failure of ossh starts with "ossh:", and every subcommand's --help
// mixed the ~17 connection flags into its own options.
import { beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, runCli } from '../e2e/built-cli.js';

beforeAll(ensureBuiltCli, 240_000);

it.each([
  [['exce'], "ossh: unknown command 'exce'"],
  [['exec', '--bogus', 'web-1'], "ossh: unknown option '--bogus'"],
  [['exec', '--transport', 'carrier-pigeon', 'web-1'], 'ossh: option '],
])('ossh %j fails with exit 2 and an ossh: line', async (argv, start) => {
  const result = await runCli(argv);
  expect(result.code).toBe(2);
  expect(result.stderr.startsWith(start)).toBe(true);
  expect(result.stderr).not.toMatch(/^error:/m);
});

it.each(['exec', 'run', 'get', 'put', 'ls', 'forward', 'check'])(
  'ossh %s --help lists the connection flags once, in their own group after the command options',
  async (name) => {
    const help = (await runCli([name, '--help'])).stdout;
    const group = help.indexOf('\nConnection options:\n');
    expect(group).toBeGreaterThan(help.indexOf('\nOptions:\n'));
    expect(help.match(/--port <port>/g)).toHaveLength(1);
    expect(help.indexOf('--port <port>')).toBeGreaterThan(group);
    expect(help.indexOf('--help')).toBeLessThan(group);
  },
);
