// The CPU meter against a real sshd: it must find each master's own sshd
// connection (never another's), and the sshd figure must include the session
// children sshd forks and reaps per command.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { runProgram } from './child-process.js';
import { CpuMeter, secondsBetween, viaMaster } from './cpu-meter.js';
import {
  CHACHA20,
  exitMaster,
  launchMaster,
  masterPidOf,
  sshOptions,
  type CipherSetup,
} from './environment.js';

const directories: string[] = [];

afterEach(() => {
  expect(processesMentioning(directories)).toEqual([]);
  for (const directory of directories.splice(0)) expect(existsSync(directory)).toBe(false);
});

/** A ControlMaster on the harness sshd, with its socket in `directory`. */
async function master(directory: string, name: string): Promise<CipherSetup> {
  const sshd = harnessSshd();
  const setup: CipherSetup = {
    ...CHACHA20,
    alias: sshd.hostAlias,
    configFile: sshd.sshConfigFile,
    controlSocket: join(directory, `${name}.ctl`),
  };
  await launchMaster(setup, setup.controlSocket);
  return setup;
}

/** Runs `script` through the master; returns what it printed. */
async function remote(setup: CipherSetup, script: string): Promise<string> {
  const finished = await runProgram(
    'ssh',
    [...sshOptions(setup), '-S', setup.controlSocket, '-T', setup.alias, script],
    { captureStdout: true },
  );
  return finished.stdout;
}

/** User + system seconds from the first line of the shell builtin `times` (e.g. `0m0.120000s 0m0.004000s`). */
function shellSeconds(output: string): number {
  const line = output.trim().split('\n').at(-2) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (match) => Number(match[1]) * 60 + Number(match[2]),
  );
  if (parts.length !== 2) throw new Error(`unexpected output of times: ${output}`);
  return parts[0]! + parts[1]!;
}

describe('CpuMeter against the harness sshd', () => {
  it("charges a command's CPU to its own master's sshd connection, reaped children included", async () => {
    const sshd = harnessSshd();
    const listening = { pid: sshd.pid, port: sshd.port };
    const directory = await mkdtemp(join(tmpdir(), 'osb-cpu-'));
    directories.push(directory);
    const busy = await master(directory, 'busy');
    const idle = await master(directory, 'idle');
    try {
      const busyPid = await masterPidOf(busy, busy.controlSocket);
      const idlePid = await masterPidOf(idle, idle.controlSocket);
      expect(busyPid).toBeDefined();
      expect(idlePid).toBeDefined();
      const busyMeter = new CpuMeter(viaMaster(busyPid), listening);
      const idleMeter = new CpuMeter(viaMaster(idlePid), listening);
      expect([busyMeter.missing, idleMeter.missing]).toEqual([undefined, undefined]);

      const busyBefore = busyMeter.snapshot();
      const idleBefore = idleMeter.snapshot();
      // A remote shell that burns CPU, then says how much with `times`
      // (its own line first, then its children's): it is a session child
      // sshd forks and reaps, so only cutime/cstime can account for it.
      const output = await remote(
        busy,
        'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo; times',
      );
      const busyAfter = busyMeter.snapshot();
      const idleAfter = idleMeter.snapshot();

      const shell = shellSeconds(output);
      const busySshd = secondsBetween(busyBefore.sshd, busyAfter.sshd);
      const idleSshd = secondsBetween(idleBefore.sshd, idleAfter.sshd);
      expect(shell).toBeGreaterThan(0.02);
      // Everything the shell spent is in the busy connection's sshd figure
      // (less one clock tick each for user and system time, as /proc rounds).
      expect(busySshd).not.toBeNull();
      expect(busySshd!).toBeGreaterThanOrEqual(shell - 0.02);
      // …and none of it in the other connection's.
      expect(idleSshd).not.toBeNull();
      expect(idleSshd!).toBeLessThan(shell / 2);
      expect(secondsBetween(busyBefore.master, busyAfter.master)).toBeGreaterThan(0);
    } finally {
      await exitMaster(busy, busy.controlSocket);
      await exitMaster(idle, idle.controlSocket);
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('names what it cannot find instead of measuring something else', () => {
    const sshd = harnessSshd();
    const listening = { pid: sshd.pid, port: sshd.port };
    expect(new CpuMeter({}, listening).missing).toBe('no master or connection named');
    // This process holds no connection to sshd.
    const stranger = new CpuMeter({ connection: { pid: process.pid } }, listening);
    expect(stranger.missing).toMatch(/^no sshd connection matches/);
    expect(stranger.snapshot()).toEqual({ master: null, sshd: null });
  });
});
