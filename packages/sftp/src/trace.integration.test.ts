// The debug trace (session-core's trace.ts) seen from a user's program: every
// kind of work both transports and the SFTP client do shows up on the
// `openssh-ts` diagnostics channel, and no secret ever does.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import {
  formatTraceEvent,
  TRACE_CHANNEL,
  type TraceEvent,
  type TransportFactory,
} from '@openssh-ts/session-core';
import { openAndCloseRemoteForward, suiteContext } from '@openssh-ts/session-suite';
import { startSshd } from '@openssh-ts/test-sshd';
import { nativeTransport } from '@openssh-ts/transport-native';
import { processTransport } from '@openssh-ts/transport-process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sftp } from './index.js';

let lines: string[] = [];
const record = (message: unknown): void => {
  lines.push(formatTraceEvent(message as TraceEvent));
};
beforeEach(() => {
  lines = [];
  subscribe(TRACE_CHANNEL, record);
});
afterEach(() => {
  unsubscribe(TRACE_CHANNEL, record);
});

const SECRETS = ['pw-Zq81-never-traced', 'phrase-Kx27-never-traced', 'answer-Jm55-never-traced'];

function traceSuite(name: string, transport: TransportFactory, wanted: readonly RegExp[]): void {
  describe(`the trace on the ${name} transport`, () => {
    const context = suiteContext(transport);

    it('shows ssh command lines, channels or mux messages, forwards and SFTP requests', async () => {
      await using session = await context.connect();
      await session.command('echo').arg('traced').output();
      await openAndCloseRemoteForward(session);
      await using sftp = await Sftp.connect(session);
      await sftp.stat('.');
      const text = lines.join('\n');
      expect(text).toMatch(/^ssh: launch master: ssh .* -M /m);
      expect(text).toMatch(/^forward: open remote /m);
      expect(text).toMatch(/^sftp: request #\d+ stat path="\." \(1 in flight\)$/m);
      expect(text).toMatch(/^sftp: reply #\d+ \(0 in flight\)$/m);
      for (const pattern of wanted) expect(text).toMatch(pattern);
    });

    it('shows session opens retried after MaxSessions refusals', async () => {
      await using sshd = await startSshd({ maxSessions: 1 });
      await using session = await context.connect({}, sshd);
      const sleepers = Array.from({ length: 3 }, () =>
        session.command('sleep').arg('0.2').status(),
      );
      for (const status of await Promise.all(sleepers)) expect(status.code).toBe(0);
      expect(lines.join('\n')).toMatch(/^retry: session open .*refused/m);
    });

    it('never shows passwords, passphrases, askpass answers or key material', async () => {
      const keyLines = readFileSync(context.sshd().identityFile, 'utf8')
        .split('\n')
        .filter((line) => line.length > 20 && !line.startsWith('-----'));
      const [password, passphrase, answer] = SECRETS as [string, string, string];
      // Whether these logins are accepted or refused, nothing of them may be traced.
      await context
        .connect({ password, passphrase, onPrompt: () => answer })
        .then(async (session) => {
          await session.command('true').status();
          await session.close();
        })
        .catch(() => undefined);
      await using session = await context.connect();
      await session.command('echo').arg('after').output();
      const text = lines.join('\n');
      expect(text).toMatch(/launch master/);
      for (const secret of [...SECRETS, ...keyLines]) expect(text).not.toContain(secret);
    });
  });
}

traceSuite('native', nativeTransport(), [
  /^mux: sent MUX_MSG_HELLO version=4/m,
  /^mux: sent MUX_C_PROXY requestId=\d+$/m,
  /^mux: received MUX_S_PROXY requestId=\d+$/m,
  /^mux: sent MUX_C_OPEN_FWD forwardType=remote requestId=\d+$/m,
  /^channel: #\d+ open session$/m,
  /^channel: #\d+ opened \(server channel \d+, window \d+\)$/m,
  // A session's first plain command runs beside the shell probe, behind its guard.
  /^channel: #\d+ exec (?:test -z "\$shell\$ossh_no_csh" \|\| exit; )?echo traced$/m,
  /^channel: #\d+ subsystem sftp$/m,
  /^channel: #\d+ closed$/m,
]);
traceSuite('process', processTransport(), [
  // The line starts with the remote shell's pid report (transport-process pid-report.ts),
  // or, for a session's first plain command, which runs beside the shell
  // probe before the shell is known, with the probe's guard.
  /^ssh: command: ssh (-F \S+ )?-S .* -- '(?:echo ossh-pid:\$\$ >&2; |test -z "\$shell\$ossh_no_csh" \|\| exit; )echo traced'$/m,
  /^ssh: control: ssh -S .* -O forward /m,
  /^ssh: command: ssh (-F \S+ )?-S .* -s .*sftp/m,
]);
