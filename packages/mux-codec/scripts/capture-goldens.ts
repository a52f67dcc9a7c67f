/**
 * Regenerates src/__fixtures__/goldens.json: the raw bytes a real OpenSSH
 * ControlMaster exchanges with a mux client over its control socket, in both
 * directions. It starts the harness sshd, a master (`ssh -M -N -f`), speaks
 * HELLO, ALIVE_CHECK and PROXY, then in proxy mode opens three channels: a
 * `session` running `echo golden; echo oops >&2; exit 3` (DATA,
 * EXTENDED_DATA, exit-status, EOF, CLOSE), a `session` whose shell kills
 * itself with SIGTERM (exit-signal), and a `direct-tcpip` to a closed
 * loopback port (OPEN_FAILURE). Then it cleans up master and sshd.
 *
 * A maintenance tool, not a test:
 *   pnpm --filter @openssh-ts/mux-codec exec tsx --conditions=@openssh-ts/source scripts/capture-goldens.ts
 */
import { writeFile } from 'node:fs/promises';
import { processesMentioning, startSshd } from '@openssh-ts/test-sshd';
import { converse, sshVersion, startMaster } from '../src/__fixtures__/live-master.js';

const output = new URL('../src/__fixtures__/goldens.json', import.meta.url);

const hex = (chunks: readonly Uint8Array[]): string =>
  chunks.map((chunk) => Buffer.from(chunk).toString('hex')).join('');

async function main(): Promise<void> {
  await using sshd = await startSshd();
  const master = await startMaster(sshd);
  try {
    const { recorder, masterPid } = await converse(master.controlPath);
    const version = await sshVersion();
    const goldens = {
      comment:
        'Captured by scripts/capture-goldens.ts from a real ssh -M ControlMaster; regenerate, do not edit.',
      openssh: version,
      masterPid,
      clientToMaster: hex(recorder.sent),
      masterToClient: hex(recorder.received),
      masterChunks: recorder.received.map((chunk) => chunk.length),
    };
    await writeFile(output, `${JSON.stringify(goldens, null, 2)}\n`);
    console.log(`wrote ${output.pathname} (${version})`);
  } finally {
    await master.stop();
  }
  const leftovers = processesMentioning([master.directory]);
  if (leftovers.length > 0) {
    throw new Error(`left behind: ${leftovers.map((entry) => entry.commandLine).join('; ')}`);
  }
}

await main();
