// Regression: a host missing from known_hosts under `--known-hosts strict`
// was reported as a changed key, with `ssh-keygen -R 127.0.0.1` as the fix
// (wrong remedy, and the wrong entry name for a port other than 22).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, runCli } from '../e2e/built-cli.js';
import { harnessLeftovers, harnessTarget } from '../e2e/harness-config.js';

const { flags, host } = harnessTarget();
const scratch = mkdtempSync(join(tmpdir(), 'ossh-khosts-'));

beforeAll(ensureBuiltCli, 240_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  expect(harnessLeftovers()).toEqual([]);
});

/** `ossh check` of the harness host under strict checking against `knownHosts`; all it printed. */
async function strictCheck(knownHosts: string, transport: string): Promise<string> {
  const result = await runCli([
    'check',
    ...flags,
    '--transport',
    transport,
    '--known-hosts',
    'strict',
    '--known-hosts-file',
    knownHosts,
    host,
  ]);
  expect(result.code).toBe(255);
  return result.stderr + result.stdout;
}

it.each(['native', 'process'])(
  'an unknown host under strict checking says so and advises --known-hosts add (%s)',
  async (transport) => {
    const knownHosts = join(scratch, `empty-${transport}`);
    writeFileSync(knownHosts, '');
    const printed = await strictCheck(knownHosts, transport);
    expect(printed).toContain('host key not in known_hosts');
    expect(printed).toContain('--known-hosts add');
    expect(printed).not.toContain('ssh-keygen');
  },
);

it('a changed key advises ssh-keygen -R with the [host]:port entry and its file', async () => {
  const { host: address, port } = harnessSshd();
  const impostor = join(scratch, 'impostor');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', impostor]);
  const knownHosts = join(scratch, 'stale');
  writeFileSync(knownHosts, `[${address}]:${port} ${readFileSync(`${impostor}.pub`, 'utf8')}`);
  const printed = await strictCheck(knownHosts, 'native');
  expect(printed).toContain('host key does not match known_hosts');
  expect(printed).toContain(`ssh-keygen -R '[${address}]:${port}' -f ${knownHosts}`);
});
