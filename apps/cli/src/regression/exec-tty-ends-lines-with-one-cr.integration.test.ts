// Regression: `ossh exec -t` output ended its lines with "\r\r\n" where ssh
// gives "\r\n". The remote pseudo-terminal already turns "\n" into "\r\n";
// Node's raw mode keeps the local terminal's output processing (OPOST,
// ONLCR), which added another "\r". script(1) runs ossh on a terminal of its
// own and hands on exactly the bytes that terminal put out.
import { execFileSync } from 'node:child_process';
import { quote } from '@openssh-ts/escape';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI_BINARY, ensureBuiltCli } from '../e2e/built-cli.js';
import { harnessLeftovers, harnessTarget } from '../e2e/harness-config.js';

const { flags, host } = harnessTarget();

beforeAll(ensureBuiltCli, 240_000);

afterAll(() => {
  expect(harnessLeftovers()).toEqual([]);
});

it('lines from the remote terminal end in one \\r\\n', () => {
  const words = [process.execPath, CLI_BINARY, 'exec', '-t', ...flags, host, '--'];
  const command = [...words, 'printf', 'one\\ntwo\\n'].map((word) => quote(word)).join(' ');
  const output = execFileSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
    input: '',
    timeout: 60_000,
  });
  expect(output.toString('latin1')).toBe('one\r\ntwo\r\n');
});
