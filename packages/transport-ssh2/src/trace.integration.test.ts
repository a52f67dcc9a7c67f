// The ssh2 transport on the debug trace (session-core's trace point): its
// channel opens and closes, its keepalives, and a password login whose
// password never shows, seen on the `openssh-ts` diagnostics channel as a
// user's program would see them.
import { setTimeout as sleep } from 'node:timers/promises';
import { Session } from '@openssh-ts/session-core';
import {
  hideSsh,
  openAndCloseRemoteForward,
  recordTrace,
  type TraceRecording,
} from '@openssh-ts/session-suite';
import { startSshd, type TestSshd } from '@openssh-ts/test-sshd';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ssh2Transport } from './index.js';

const hidden = hideSsh();
let sshd: TestSshd;
let recording: TraceRecording;

beforeAll(async () => {
  sshd = await startSshd({ interactiveLogins: 'password' });
});
afterAll(async () => {
  await sshd.stop();
  hidden.restore();
});
beforeEach(() => {
  recording = recordTrace();
});
afterEach(() => {
  recording.stop();
});

describe('the trace on the ssh2 transport', () => {
  it('shows channel opens and closes with their ids, forwards and keepalives, never the password', async () => {
    const password = sshd.password ?? '';
    expect(password.length).toBeGreaterThan(0);
    {
      await using session = await Session.connect(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, {
        transport: ssh2Transport(),
        userKnownHostsFile: sshd.knownHostsFile,
        sshPath: hidden.sshPath,
        sshAuthSock: 'none',
        password,
        serverAliveInterval: 1,
        serverAliveCountMax: 30,
      });
      await session.command('echo').arg('traced').output();
      await openAndCloseRemoteForward(session);
      // A keepalive goes out after a second of silence; wait for it, however long the load makes that.
      while (!recording.lines.some((line) => line.includes('sent keepalive@openssh.com')))
        await sleep(100);
    }
    const text = recording.lines.join('\n');
    expect(text).toMatch(/^keepalive: .* keepalive every 1000 ms, dropped after 30 unanswered$/m);
    expect(text).toMatch(/^keepalive: .*: sent keepalive@openssh\.com$/m);
    // A session's first plain command runs beside the shell probe, behind its guard.
    const exec =
      /^channel: #(\d+) exec (?:test -z "\$shell\$ossh_no_csh" \|\| exit; )?echo traced/m;
    expect(text).toMatch(new RegExp(`${exec.source} \\(server channel \\d+\\)$`, 'm'));
    const id = exec.exec(text)?.[1];
    expect(text).toMatch(new RegExp(`^channel: #${id} closed$`, 'm'));
    expect(text).toMatch(/^forward: open remote /m);
    expect(text).not.toContain(password);
  });

  it('shows a subsystem the server refused', async () => {
    await using session = await Session.connect(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, {
      transport: ssh2Transport(),
      userKnownHostsFile: sshd.knownHostsFile,
      sshPath: hidden.sshPath,
      sshAuthSock: 'none',
      password: sshd.password ?? '',
    });
    const failure = await session
      .subsystem('no-such-subsystem')
      .status()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'remote' });
    const text = recording.lines.join('\n');
    expect(text).toMatch(/^channel: subsystem no-such-subsystem refused: /m);
    expect(text).not.toContain(sshd.password ?? '');
  });
});
