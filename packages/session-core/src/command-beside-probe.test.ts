import { describe, expect, it } from 'vitest';
import { Command, type CommandHost } from './command.js';
import { childExitingWith } from './command-host.fixture.js';
import { SHELL_GUARD } from './remote-shell-probe.js';
import type { Session } from './session.js';
import { SshError } from './ssh-error.js';
import type { RemoteShellFamily, SpawnTarget, TransportExit } from './transport.js';

const exited = (code: number): Promise<TransportExit> =>
  Promise.resolve({ code, signal: null, coreDumped: false });

/** A host whose probe answers when the test says, recording what was started. */
function pendingHost() {
  let answer!: (family: RemoteShellFamily) => void;
  let refuse!: (error: unknown) => void;
  const probe = new Promise<RemoteShellFamily>((resolve, reject) => {
    answer = resolve;
    refuse = reject;
  });
  probe.catch(() => undefined);
  const started: { line: string; shell: RemoteShellFamily | undefined }[] = [];
  const host: CommandHost = {
    session: {} as Session,
    start: (target: SpawnTarget, shell) => {
      started.push({
        line: target.kind === 'exec' ? new TextDecoder().decode(target.commandLine) : '',
        shell,
      });
      const child = childExitingWith(exited(0));
      return Promise.resolve({
        child,
        canSignal: true,
      });
    },
    utf8Only: () => false,
    remoteShell: () => probe,
    knownRemoteShell: () => 'posix',
    remoteShellPending: () => true,
  };
  return { host, started, answer, refuse };
}

const command = (host: CommandHost, program: string, ...args: string[]): Command =>
  new Command(host, {
    kind: 'exec',
    parts: [program, ...args].map((value) => ({ raw: false, value })),
  });

describe('a first command beside the shell probe', () => {
  it('starts a plain command behind the guard before the probe answers, and reports it once the shell is known', async () => {
    const { host, started, answer } = pendingHost();
    const status = command(host, 'true').status();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([{ line: `${SHELL_GUARD}true`, shell: undefined }]);
    answer('fish');
    await expect(status).resolves.toMatchObject({ success: true, code: 0 });
  });

  it("rejects with the probe's refusal, whatever the guarded command did", async () => {
    const { host, refuse } = pendingHost();
    const output = command(host, 'touch', '/tmp/x').output();
    const refusal = new SshError('unsupported-shell', 'tcsh', { remoteShell: '/bin/tcsh' });
    refuse(refusal);
    await expect(output).rejects.toBe(refusal);
  });

  it('waits for the probe with a line that needs quoting, a spawn, a timeout or a stream of the caller', async () => {
    const { host, started, answer } = pendingHost();
    const waiting = [
      command(host, 'printf', '%s', "it's").status(),
      command(host, 'true').spawn(),
      command(host, 'true').timeout(60_000).status(),
      command(host, 'true').stdin('pipe').status(),
    ];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([]);
    answer('posix');
    await Promise.all(waiting);
    expect(started.map((start) => start.shell)).toEqual(['posix', 'posix', 'posix', 'posix']);
    expect(started.map((start) => start.line)).not.toContain(`${SHELL_GUARD}true`);
  });
});
