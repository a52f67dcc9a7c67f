// The crate's tests/openssh.rs, session lifecycle: connects, control dir,
// config file, destination forms, terminate on drop, detach and resume.
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startSshd, isAlive as isProcessAlive } from '@openssh-ts/test-sshd';
import { describe, expect, it } from 'vitest';
import { Session, SessionBuilder } from '@openssh-ts/session-core';
import type { SuiteContext } from './suite-context.js';

/** The session's control socket; these cases are only run on transports that ride a master. */
function controlSocketOf(session: Session): string {
  if (session.controlSocket === undefined) throw new Error('this session has no control socket');
  return session.controlSocket;
}

/** Registers the lifecycle tests. */
export function lifecycleTests(context: SuiteContext): void {
  describe('lifecycle', () => {
    it('connects: check() reports the master, close() ends it and removes the control directory', async () => {
      const session = await context.connect();
      const { masterPid } = await session.check();
      if (context.ridesMaster) expect(existsSync(controlSocketOf(session))).toBe(true);
      else expect(session.controlSocket).toBeUndefined();
      await session.close();
      expect(masterPid === undefined || !isProcessAlive(masterPid)).toBe(true);
      if (context.ridesMaster) expect(existsSync(controlSocketOf(session))).toBe(false);
      await expect(session.check()).rejects.toMatchObject({ kind: 'disconnected' });
    });

    it('control dir: the master lives in a 0700 directory inside controlDirectory', async () => {
      await using session = await context.connect();
      if (!context.ridesMaster) {
        // No master, no control directory: nothing is made there at all.
        await session.check();
        expect(readdirSync(context.directory())).toEqual([]);
        return;
      }
      const entries = readdirSync(context.directory());
      expect(entries).toHaveLength(1);
      expect(controlSocketOf(session).startsWith(context.directory())).toBe(true);
      const { statSync } = await import('node:fs');
      expect(statSync(`${context.directory()}/${entries[0]}`).mode & 0o777).toBe(0o700);
    });

    it('clean stale control directories: a dead one goes, the live one of another session stays', async () => {
      await using live = await context.connect();
      if (!context.ridesMaster) {
        // Cleaning is about masters' directories; without one it does nothing.
        const stale = join(context.directory(), 'ossh-stale1');
        mkdirSync(stale);
        await using session = await context.connect({ cleanStaleControlDirectories: true });
        await session.check();
        expect(existsSync(stale)).toBe(true);
        rmSync(stale, { recursive: true });
        await live.check();
        return;
      }
      const stale = join(context.directory(), 'ossh-stale1');
      mkdirSync(stale);
      writeFileSync(join(stale, 'log'), '');
      const longAgo = new Date(Date.now() - 3600_000);
      utimesSync(stale, longAgo, longAgo);
      utimesSync(dirname(controlSocketOf(live)), longAgo, longAgo);
      await using session = await context.connect({ cleanStaleControlDirectories: true });
      expect(existsSync(stale)).toBe(false);
      await live.check();
      await session.check();
    });

    it('config file: a Host alias from configFile resolves', async () => {
      const sshd = context.sshd();
      await using session = await Session.connect(sshd.hostAlias, {
        transport: context.transport,
        configFile: sshd.sshConfigFile,
        knownHosts: 'accept',
        controlDirectory: context.directory(),
        ...context.connectOptions,
      });
      await session.check();
    });

    it('destinations: user@host with port option, the builder, and ssh://user@[::1]:port', async () => {
      const sshd = context.sshd();
      const plain = await Session.connect(`${sshd.user}@${sshd.host}`, {
        transport: context.transport,
        port: sshd.port,
        keyFile: sshd.identityFile,
        userKnownHostsFile: sshd.knownHostsFile,
        controlDirectory: context.directory(),
        ...context.connectOptions,
      });
      await plain.close();
      const built = await new SessionBuilder()
        .transport(context.transport)
        .user(sshd.user)
        .port(sshd.port)
        .keyFile(sshd.identityFile)
        .userKnownHostsFile(sshd.knownHostsFile)
        .knownHosts('strict')
        .controlDirectory(context.directory())
        .connectTimeout(10_000)
        .serverAliveInterval(30_000)
        .compression(false)
        .controlPersist('forever')
        .sshPath(context.connectOptions.sshPath ?? 'ssh')
        .connect(sshd.host);
      await built.check();
      await built.close();
      await using sixSshd = await startSshd({ listenAddress: '::1' });
      try {
        await using six = await context.connect({}, sixSshd.info);
        expect((await six.command('echo').arg('six').output()).stdout.toString()).toBe('six\n');
      } finally {
        await sixSshd.stop();
      }
      await expect(
        Session.connect('-oProxyCommand=evil', { transport: context.transport }),
      ).rejects.toMatchObject({ kind: 'invalid-command' });
    });

    it('no transport: a clear error tells what to pass', async () => {
      await expect(Session.connect(context.destination(), {})).rejects.toThrow(/transport/);
    });

    it('terminate on dispose: leaving an `await using` scope ends the master', async () => {
      let masterPid: number | undefined;
      let controlSocket: string | undefined;
      let disposed: Session | undefined;
      {
        await using session = await context.connect();
        masterPid = (await session.check()).masterPid;
        controlSocket = context.ridesMaster ? controlSocketOf(session) : undefined;
        disposed = session;
      }
      expect(masterPid === undefined || !isProcessAlive(masterPid)).toBe(true);
      if (controlSocket !== undefined) expect(existsSync(controlSocket)).toBe(false);
      await expect(disposed.check()).rejects.toMatchObject({ kind: 'disconnected' });
    });

    it('detach and resume: the master outlives detach, a resumed session checks and closes it', async () => {
      if (!context.ridesMaster) {
        // Without a master nothing can outlive the session: both refuse, saying why.
        await using session = await context.connect();
        expect(session.transport.capabilities.detach).toBe(false);
        const detachRefusal = await session.detach().catch((error: unknown) => error);
        expect(detachRefusal).toMatchObject({ kind: 'unsupported' });
        expect(String(detachRefusal)).toMatch(/no ControlMaster to leave running/);
        await session.check();
        const resumeRefusal = await Session.resume(join(context.directory(), 'ctl'), {
          transport: context.transport,
        }).catch((error: unknown) => error);
        expect(resumeRefusal).toMatchObject({ kind: 'unsupported' });
        expect(String(resumeRefusal)).toMatch(/cannot resume a ControlMaster/);
        return;
      }
      const first = await context.connect();
      await first.check();
      const detached = await first.detach();
      await expect(first.check()).rejects.toMatchObject({ kind: 'disconnected' });
      const second = await Session.resume(detached.controlSocket, {
        transport: context.transport,
        ...(detached.masterLog === undefined ? {} : { masterLog: detached.masterLog }),
      });
      await second.check();
      const again = await second.detach();
      const third = await Session.resume(again.controlSocket, { transport: context.transport });
      const { masterPid } = await third.check();
      expect((await third.command('echo').arg('resumed').output()).stdout.toString()).toBe(
        'resumed\n',
      );
      await third.close();
      expect(masterPid === undefined || !isProcessAlive(masterPid)).toBe(true);
      expect(existsSync(detached.controlSocket)).toBe(false);
    });
  });
}
