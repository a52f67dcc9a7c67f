import { existsSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from '@openssh-ts/session-core';
import { startMaster, type TestMaster } from './master-fixture.js';
import { nativeTransport } from './native-transport.js';

let master: TestMaster;
let transport: Transport;

beforeEach(async () => {
  master = await startMaster(harnessSshd());
  transport = await nativeTransport().attach({
    controlSocket: master.controlSocket,
    sshPath: 'ssh',
  });
});

afterEach(async () => {
  await transport.detach();
  await master.stop();
  expect(processesMentioning([master.directory])).toEqual([]);
  expect(existsSync(master.directory)).toBe(false);
});

const exec = (line: string) => ({ kind: 'exec' as const, commandLine: Buffer.from(line) });

describe('native transport: commands over proxy mode', () => {
  it('runs a command and reports stdout, stderr and the exit code', async () => {
    const child = await transport.spawn({
      target: exec('echo out; echo err >&2; exit 3'),
      stdin: 'null',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [stdout, stderr, exit] = await Promise.all([
      text(child.stdout!),
      text(child.stderr!),
      child.wait(),
    ]);
    expect({ stdout, stderr }).toEqual({ stdout: 'out\n', stderr: 'err\n' });
    expect(exit).toEqual({ code: 3, signal: null, coreDumped: false });
  });

  it('feeds stdin and sends EOF when it ends', async () => {
    const child = await transport.spawn({
      target: exec('tr a-z A-Z'),
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'null',
    });
    child.stdin!.end('hello over proxy mode');
    expect(await text(child.stdout!)).toBe('HELLO OVER PROXY MODE');
    expect((await child.wait()).code).toBe(0);
  });

  it('reports a remote signal and delivers kill() as a signal request', async () => {
    const killed = await transport.spawn({
      target: exec('kill -TERM $$'),
      stdin: 'null',
      stdout: 'null',
      stderr: 'null',
    });
    expect(await killed.wait()).toMatchObject({ code: null, signal: 'TERM' });
    const sleeper = await transport.spawn({
      target: exec('exec sleep 30'),
      stdin: 'null',
      stdout: 'null',
      stderr: 'null',
    });
    await sleeper.kill('INT');
    expect(await sleeper.wait()).toMatchObject({ code: null, signal: 'INT' });
  });
});
