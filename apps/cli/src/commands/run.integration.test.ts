import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { listProcesses, processesMentioning, signalQuietly } from '@openssh-ts/test-sshd';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, runCli, startCli } from '../e2e/built-cli.js';
import { startFleet, type Fleet } from '../e2e/fleet.js';

let fleet: Fleet;

beforeAll(async () => {
  // 20 sshd instances, 5 aliases each: 100 hosts, of which #37 is down.
  ensureBuiltCli();
  fleet = await startFleet(20, 5, [37]);
}, 240_000);

afterAll(async () => {
  await fleet[Symbol.asyncDispose]();
  for (const directory of fleet.directories) expect(existsSync(directory)).toBe(false);
  expect(processesMentioning(fleet.directories)).toEqual([]);
});

function leftovers(): string[] {
  return processesMentioning(fleet.directories)
    .filter((entry) => !fleet.sshdPids.includes(entry.pid))
    .map((entry) => entry.commandLine);
}

it('runs on 100 hosts with --parallel 20, one down, and reports each as JSON', async () => {
  const hostsFile = join(fleet.directories[0] ?? '', 'hosts.txt');
  await writeFile(hostsFile, `# the fleet\n${fleet.hosts.join('\n')}\n`);
  const result = await runCli(
    [
      'run',
      '-F',
      fleet.sshConfigFile,
      '--hosts-file',
      hostsFile,
      '--parallel',
      '20',
      '--json',
      '--',
      'sh',
      '-c',
      'echo "up $0"',
      'ok',
    ],
    { timeout: 110_000 },
  );
  expect(result.code).toBe(1);
  const lines = result.stdout.trim().split('\n');
  expect(lines).toHaveLength(101);
  // The last line sums up; each host's line has one exit code, ossh's.
  expect(JSON.parse(lines.pop() ?? '')).toEqual({
    type: 'summary',
    hosts: 100,
    ok: 99,
    failed: 0,
    error: 1,
    cancelled: 0,
    exitCode: 1,
  });
  expect(lines.every((line) => !('code' in (JSON.parse(line) as object)))).toBe(true);
  const reports = lines.map(
    (line) =>
      JSON.parse(line) as {
        host: string;
        outcome: string;
        exitCode: number;
        stdout: string;
        error: string | null;
      },
  );
  expect(new Set(reports.map((report) => report.host))).toEqual(new Set(fleet.hosts));
  const down = reports.filter((report) => report.outcome !== 'ok');
  expect(down.map((report) => [report.host, report.exitCode, report.error])).toEqual([
    ['fleet-down-37', 255, expect.stringContaining('connection refused')],
  ]);
  expect(down[0]?.error).toContain('connection refused');
  expect(
    reports
      .filter((report) => report.outcome === 'ok')
      .every((report) => report.stdout === 'up ok\n'),
  ).toBe(true);
  expect(leftovers()).toEqual([]);
}, 120_000);

it('prints a summary table and exits non-zero when a host fails', async () => {
  const hosts = [fleet.hosts[0], fleet.hosts[1], fleet.downHosts[0]].join(',');
  const result = await runCli([
    'run',
    '-F',
    fleet.sshConfigFile,
    '-H',
    hosts,
    '--',
    'sh',
    '-c',
    'echo boom >&2; exit 3',
  ]);
  expect(result.code).toBe(1);
  const table = result.stdout.trim().split('\n');
  expect(table[0]).toMatch(/^HOST\s+EXIT\s+DURATION\s+ERROR$/);
  expect(table.slice(1, 4).map((row) => row.split(/\s{2,}/).slice(0, 2))).toEqual([
    [fleet.hosts[0], '3'],
    [fleet.hosts[1], '3'],
    [fleet.downHosts[0], '255'],
  ]);
  expect(table[1]).toMatch(/boom$/);
  expect(table[3]).toContain('connection refused');
  expect(table.at(-1)).toBe('3 hosts: 0 ok, 3 failed');
  // Without a terminal, each host's end is one plain line on stderr.
  expect(result.stderr).toContain(`${fleet.hosts[0]}: exit 3 (`);
  expect(leftovers()).toEqual([]);
});

it('exits 0 when every host succeeds, and prints output inline on request', async () => {
  const result = await runCli([
    'run',
    '-F',
    fleet.sshConfigFile,
    '-H',
    `${fleet.hosts[2]},${fleet.hosts[3]}`,
    '--inline',
    '--',
    'echo',
    'hi',
  ]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`${fleet.hosts[2]}: hi\n`);
  expect(result.stdout).toContain('2 hosts: 2 ok, 0 failed');
});

it('Ctrl-C stops every running host, prints the summary and exits 130', async () => {
  const marker = `sleep ${7000 + (process.pid % 1000)}`;
  const hosts = fleet.hosts.slice(10, 13).join(',');
  const run = startCli(['run', '-F', fleet.sshConfigFile, '-H', hosts, '--', 'sh', '-c', marker]);
  const running = () => listProcesses().filter((entry) => entry.commandLine === marker).length;
  for (let waited = 0; running() < 3 && waited < 30_000; waited += 50) await sleep(50);
  expect(running()).toBe(3);
  run.child.kill('SIGINT');
  expect((await run.exited).code).toBe(130);
  expect(run.stdout()).toContain('3 hosts: 0 ok, 3 failed');
  expect(run.stdout()).toMatch(/interrupted/);
  for (let waited = 0; running() > 0 && waited < 10_000; waited += 50) await sleep(50);
  expect(running()).toBe(0);
  expect(leftovers()).toEqual([]);
});

it('Ctrl-C on commands that ignore TERM: every host is cancelled, on each transport', async () => {
  // The stop then cuts the channel off, and the cut-off output stream may
  // fail before wait() does: it must fail with the interrupt too, not with
  // a `disconnected` that would make the host an error.
  for (const [index, transport] of ['process', 'native', 'ssh2'].entries()) {
    const marker = `sleep ${7500 + (process.pid % 1000) + index}`;
    const hosts = fleet.hosts.slice(14 + 3 * index, 17 + 3 * index).join(',');
    const run = startCli([
      'run',
      '-F',
      fleet.sshConfigFile,
      '--transport',
      transport,
      '-H',
      hosts,
      '--json',
      '--',
      'sh',
      '-c',
      `trap '' TERM; ${marker}`,
    ]);
    const running = () => listProcesses().filter((entry) => entry.commandLine === marker);
    try {
      for (let waited = 0; running().length < 3 && waited < 30_000; waited += 50) await sleep(50);
      expect(running(), transport).toHaveLength(3);
      run.child.kill('SIGINT');
      expect((await run.exited).code, transport).toBe(130);
      const lines = run.stdout().trim().split('\n');
      expect(JSON.parse(lines.pop() ?? ''), transport).toMatchObject({
        hosts: 3,
        cancelled: 3,
      });
      for (const line of lines)
        expect(JSON.parse(line), transport).toMatchObject({ outcome: 'cancelled' });
    } finally {
      for (const entry of running()) signalQuietly(entry.pid, 'SIGKILL');
    }
    expect(leftovers(), transport).toEqual([]);
  }
}, 120_000);
