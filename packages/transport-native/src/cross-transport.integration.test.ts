import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, type TransportFactory } from '@openssh-ts/session-core';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { processTransport } from '@openssh-ts/transport-process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nativeTransport } from './native-transport.js';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ossh-x-'));
});

afterEach(() => {
  expect(processesMentioning([directory])).toEqual([]);
  rmSync(directory, { recursive: true, force: true });
});

async function connect(transport: TransportFactory): Promise<Session> {
  const sshd = harnessSshd();
  return Session.connect(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, {
    transport,
    keyFile: sshd.identityFile,
    userKnownHostsFile: sshd.knownHostsFile,
    controlDirectory: directory,
  });
}

describe('detach from one transport, resume with the other', () => {
  for (const [from, to] of [
    [processTransport(), nativeTransport()],
    [nativeTransport(), processTransport()],
  ] as const) {
    it(`${from.name} -> ${to.name}: the same master keeps serving`, async () => {
      const first = await connect(from);
      const { masterPid } = await first.check();
      expect((await first.command('echo').arg('before').output()).stdout.toString()).toBe(
        'before\n',
      );
      const detached = await first.detach();
      const second = await Session.resume(detached.controlSocket, { transport: to });
      expect(await second.check()).toMatchObject({ masterPid });
      expect((await second.command('echo').arg('after').output()).stdout.toString()).toBe(
        'after\n',
      );
      await second.close();
      expect(existsSync(detached.controlSocket)).toBe(false);
    });
  }
});

describe('pseudo-terminals', () => {
  it('runs a command on a pty: the remote side sees a terminal of the asked size', async () => {
    const session = await connect(nativeTransport());
    try {
      const transport = await nativeTransport().attach({
        controlSocket: session.controlSocket ?? '',
        sshPath: 'ssh',
      });
      const child = await transport.spawn({
        target: { kind: 'exec', commandLine: Buffer.from('test -t 0 && stty size && echo $TERM') },
        stdin: 'null',
        stdout: 'pipe',
        stderr: 'pipe',
        pty: { term: 'xterm-256color', columns: 123, rows: 45 },
      });
      const chunks: Buffer[] = [];
      for await (const chunk of child.stdout! as AsyncIterable<Buffer>) chunks.push(chunk);
      expect((await child.wait()).code).toBe(0);
      expect(Buffer.concat(chunks).toString().replaceAll('\r', '')).toBe(
        '45 123\nxterm-256color\n',
      );
      await transport.detach();
    } finally {
      await session.close();
    }
  });
});
