// `ossh run` connects a host again when its link drops: the link relay in
// front of the sshd resets the connection while the command runs. Once, and
// the host still ends ok (its command ran again); every time, and the host
// is reported failed after --reconnect attempts.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { startLinkRelay, type LinkRelay } from '@openssh-ts/link-relay';
import { processesMentioning, startSshd, type TestSshd } from '@openssh-ts/test-sshd';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, startCli } from '../e2e/built-cli.js';
import { eventually } from '../e2e/eventually.js';
import { clientLeftovers } from '../e2e/harness-config.js';

let sshd: TestSshd;
let relay: LinkRelay;
/** Each run of the command appends a line here (the sshd is on this machine). */
const marker = `/tmp/ossh-run-reconnect-${process.pid}`;

beforeAll(async () => {
  ensureBuiltCli();
  sshd = await startSshd();
  relay = await startLinkRelay({ target: { host: sshd.host, port: sshd.port } });
}, 240_000);

afterEach(async () => {
  await rm(marker, { force: true });
  await eventually(() => clientLeftovers(sshd).length === 0);
  expect(clientLeftovers(sshd)).toEqual([]);
});

afterAll(async () => {
  await relay.close();
  await sshd.stop();
  expect(processesMentioning([sshd.directory])).toEqual([]);
});

function runsSoFar(): number {
  if (!existsSync(marker)) return 0;
  return readFileSync(marker, 'utf8').split('\n').filter(Boolean).length;
}

function startRun(transport: string, extra: readonly string[]): ReturnType<typeof startCli> {
  return startCli([
    'run',
    '--transport',
    transport,
    '-F',
    sshd.sshConfigFile,
    ...relay.sshOptions.flatMap((option) => ['-o', option]),
    '-H',
    sshd.hostAlias,
    '--json',
    ...extra,
    '--',
    'sh',
    '-c',
    `echo run >> ${marker}; sleep 2; echo finished`,
  ]);
}

function hostLine(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n')[0] ?? '') as Record<string, unknown>;
}

it.each(['native', 'ssh2'])(
  'a host whose link is reset once reconnects and ends ok (--transport %s)',
  async (transport) => {
    const run = startRun(transport, []);
    expect(await eventually(() => runsSoFar() === 1, 30_000)).toBe(true);
    await relay.reset();
    const exited = await run.exited;
    expect(exited, run.stderr()).toEqual({ code: 0, signal: null });
    expect(hostLine(run.stdout())).toMatchObject({
      outcome: 'ok',
      exitCode: 0,
      stdout: 'finished\n',
      reconnects: 1,
    });
    expect(run.stderr()).toMatch(
      new RegExp(
        `^ossh: ${sshd.hostAlias}: lost the connection [^—]*; reconnecting \\(attempt 1 of 2\\)$`,
        'm',
      ),
    );
    // The command cut off by the reset ran again from the start.
    expect(runsSoFar()).toBe(2);
  },
  60_000,
);

it.each(['native', 'ssh2'])(
  'a host whose link keeps being reset is reported failed after the bounded attempts (--transport %s)',
  async (transport) => {
    const run = startRun(transport, ['--reconnect', '2']);
    let exited = false;
    void run.exited.then(() => (exited = true));
    // Every connection the relay carries is reset as soon as it is seen.
    while (!exited) {
      if ((await relay.stats()).connectionCount > 0) await relay.reset();
      await sleep(20);
    }
    expect(await run.exited, run.stderr()).toEqual({ code: 1, signal: null });
    expect(hostLine(run.stdout())).toMatchObject({
      outcome: 'error',
      exitCode: 255,
      reconnects: 2,
    });
    expect(run.stderr()).toContain('reconnecting (attempt 1 of 2)');
    expect(run.stderr()).toContain('reconnecting (attempt 2 of 2)');
    expect(run.stderr()).not.toContain('attempt 3');
  },
  60_000,
);
