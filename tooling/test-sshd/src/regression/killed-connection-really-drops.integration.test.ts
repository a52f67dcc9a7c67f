// Regression: connectionPids() returned only each connection's privileged
// monitor. Killing it left the unprivileged `sshd: user@notty` child holding
// the TCP connection (reparented to init), so clients hung instead of seeing
// a dropped connection, and stop() no longer found that child.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { connectedSocketInodes, socketHolders } from '../connection-processes.js';
import { isAlive, listProcesses, signalQuietly } from '../processes.js';
import { startSshd, type TestSshd } from '../start-sshd.js';

/** An `ssh` client running `sleep` on `sshd`, once its session is up; the pids serving it. */
async function sleepingClient(
  sshd: TestSshd,
  marker: string,
): Promise<{ exited: Promise<unknown[]>; pids: number[] }> {
  const client = spawn('ssh', ['-F', sshd.sshConfigFile, sshd.hostAlias, `sleep ${marker}`], {
    stdio: 'ignore',
  });
  const exited = once(client, 'exit');
  for (let waited = 0; waited < 15_000; waited += 50) {
    if (listProcesses().some((entry) => entry.commandLine === `sleep ${marker}`)) break;
    await sleep(50);
  }
  return { exited, pids: sshd.connectionPids() };
}

function sleepers(marker: string): number[] {
  return listProcesses()
    .filter(
      (entry) =>
        entry.commandLine.includes(`sleep ${marker}`) && !entry.commandLine.startsWith('ssh '),
    )
    .map((entry) => entry.pid);
}

it('killing what connectionPids() returns drops the connection: the client ends with 255', async () => {
  await using sshd = await startSshd();
  const marker = `31.${process.pid}1`;
  const { exited, pids } = await sleepingClient(sshd, marker);
  // The monitor and the unprivileged child.
  expect(pids.length).toBe(2);
  for (const pid of pids) signalQuietly(pid, 'SIGKILL');
  // Bounded so a hang fails here instead of when the remote sleep ends.
  const outcome = await Promise.race([exited, sleep(10_000).then(() => 'hung')]);
  expect(outcome).toEqual([255, null]);
  for (const pid of sleepers(marker)) signalQuietly(pid, 'SIGKILL');
});

it('stop() ends a connection whose monitor alone was killed, and its session command', async () => {
  const sshd = await startSshd();
  const marker = `32.${process.pid}1`;
  const { exited } = await sleepingClient(sshd, marker);
  const monitors = listProcesses()
    .filter((entry) => entry.parentPid === sshd.pid)
    .map((entry) => entry.pid);
  for (const pid of monitors) signalQuietly(pid, 'SIGKILL');
  await sleep(200);
  // The orphaned child is still found, by the socket it holds.
  const orphans = sshd.connectionPids();
  expect(orphans.length).toBe(1);
  const sessions = sleepers(marker);
  expect(sessions.length).toBeGreaterThan(0);
  await sshd.stop();
  expect([...orphans, ...sessions].filter(isAlive)).toEqual([]);
  expect(socketHolders(connectedSocketInodes(sshd.port), orphans)).toEqual([]);
  await exited;
});
