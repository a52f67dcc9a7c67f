import { existsSync } from 'node:fs';
import {
  descendantPids,
  isAlive,
  processesMentioning,
  signalQuietly,
  startSshd,
} from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import type { SpawnRequest } from '@openssh-ts/session-core';
import { afterEach, describe, expect, it } from 'vitest';
import { keeperMark, startMaster, type TestMaster } from './master-fixture.js';
import { nativeTransport } from './native-transport.js';

const started: TestMaster[] = [];

afterEach(async () => {
  for (const master of started.splice(0)) {
    await master.stop();
    expect(processesMentioning([master.directory, keeperMark(master.pid)])).toEqual([]);
    expect(existsSync(master.directory)).toBe(false);
  }
});

async function attachNew(sshd = harnessSshd()) {
  const master = await startMaster(sshd);
  started.push(master);
  const transport = await nativeTransport().attach({
    controlSocket: master.controlSocket,
    sshPath: 'ssh',
  });
  return { master, transport };
}

const sleeper: SpawnRequest = {
  target: { kind: 'exec', commandLine: Buffer.from('exec sleep 60') },
  stdin: 'pipe',
  stdout: 'pipe',
  stderr: 'pipe',
};

describe('native transport: faults', () => {
  it('fails every running command and later call with disconnected when the master is killed', async () => {
    const { master, transport } = await attachNew();
    const children = await Promise.all([transport.spawn(sleeper), transport.spawn(sleeper)]);
    const waits = children.map((child) => child.wait());
    process.kill(master.pid, 'SIGKILL');
    for (const wait of waits) await expect(wait).rejects.toMatchObject({ kind: 'disconnected' });
    await expect(transport.spawn(sleeper)).rejects.toMatchObject({ kind: 'disconnected' });
    await expect(transport.check()).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('fails running commands with disconnected when the server connection drops', async () => {
    await using sshd = await startSshd();
    const { transport } = await attachNew(sshd);
    const child = await transport.spawn(sleeper);
    // The connection's monitor and its unprivileged child both hold the TCP socket.
    const pids = sshd.connectionPids().flatMap((pid) => [pid, ...descendantPids(pid)]);
    for (const pid of pids) signalQuietly(pid, 'SIGKILL');
    await expect(child.wait()).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('detaching with channel opens still in flight leaves the master serving others', async () => {
    const { master, transport } = await attachNew();
    // Short sleeps: their sessions hold server slots the next client needs.
    const napper = {
      ...sleeper,
      target: { kind: 'exec', commandLine: Buffer.from('exec sleep 0.2') },
    } as const;
    const opening = Promise.allSettled(
      Array.from({ length: 30 }, () => transport.spawn(napper).then((child) => child.wait())),
    );
    await transport.detach();
    for (const outcome of await opening) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { kind: 'disconnected' } });
    }
    expect(isAlive(master.pid)).toBe(true);
    const other = await nativeTransport().attach({
      controlSocket: master.controlSocket,
      sshPath: 'ssh',
    });
    expect(await other.check()).toEqual({ masterPid: master.pid });
    const echo = await other.spawn({
      ...sleeper,
      target: { kind: 'exec', commandLine: Buffer.from('true') },
      stdin: 'null',
    });
    expect((await echo.wait()).code).toBe(0);
    await other.detach();
  });

  it('disconnect() ends our interest: wait() rejects with disconnected and the session goes on', async () => {
    const { transport } = await attachNew();
    const child = await transport.spawn(sleeper);
    child.disconnect();
    await expect(child.wait()).rejects.toMatchObject({ kind: 'disconnected' });
    const next = await transport.spawn({
      ...sleeper,
      target: { kind: 'exec', commandLine: Buffer.from('exit 4') },
    });
    expect((await next.wait()).code).toBe(4);
    await transport.detach();
  });

  it('stopListening() removes the control socket while the open link keeps working', async () => {
    const { master, transport } = await attachNew();
    await transport.stopListening();
    expect(existsSync(master.controlSocket)).toBe(false);
    const child = await transport.spawn({
      ...sleeper,
      target: { kind: 'exec', commandLine: Buffer.from('exit 5') },
    });
    expect((await child.wait()).code).toBe(5);
    await expect(transport.check()).rejects.toMatchObject({ kind: 'disconnected' });
    await transport.detach();
  });

  it('close() terminates the master; check() on a live master returns its pid', async () => {
    const { master, transport } = await attachNew();
    expect(await transport.check()).toEqual({ masterPid: master.pid });
    await transport.close();
    for (let waited = 0; waited < 5000 && isAlive(master.pid); waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isAlive(master.pid)).toBe(false);
    await expect(transport.spawn(sleeper)).rejects.toMatchObject({ kind: 'disconnected' });
  });
});
