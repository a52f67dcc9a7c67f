// The crate's tests/openssh.rs, failures: connect timeout, cannot resolve,
// connection refused, auth failed, process exit on signal, broken
// connection; plus AbortSignal and timeout mid-command. Loopback only.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { freePort, signalQuietly, startSshd } from '@openssh-ts/test-sshd';
import { describe, expect, it } from 'vitest';
import { type RemoteChild, type Session, SshError } from '@openssh-ts/session-core';
import type { SuiteContext } from './suite-context.js';

/** The `kind` of the SshError `operation` rejects with; anything else as it came. */
async function failureKind(operation: Promise<unknown>): Promise<unknown> {
  const outcome = await operation.then(
    (value) => value,
    (error: unknown) => error,
  );
  return SshError.isInstance(outcome) ? outcome.kind : outcome;
}

/**
 * Reads `stream` to its end: `started` once "started" came, `settled` with
 * the error it failed with, or 'ended cleanly'.
 */
function readStream(stream: Readable): { started: Promise<void>; settled: Promise<unknown> } {
  let text = '';
  let onStarted!: () => void;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const settled = (async () => {
    for await (const chunk of stream) {
      text += (chunk as Buffer).toString();
      if (text.includes('started')) onStarted();
    }
    return 'ended cleanly';
  })().catch((error: unknown) => error);
  void settled.then(onStarted);
  return { started, settled };
}

/** Registers the failure tests. */
export function failureTests(context: SuiteContext): void {
  describe('failures', () => {
    it('connect timeout: a listener that accepts and never speaks fails as timed-out, promptly', async () => {
      const sockets: Socket[] = [];
      const silent = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const address = silent.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const started = Date.now();
      try {
        const failure = await context
          .connect({ connectTimeout: 1000 }, { ...context.sshd(), port })
          .catch((error: unknown) => error);
        expect(failure).toMatchObject({ kind: 'connect', reason: 'timed-out' });
        // Not a speed test: only proves the timeout applied instead of a hang.
        expect(Date.now() - started).toBeLessThan(15_000);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it('cannot resolve: host-unresolved, with the master in a network namespace so no DNS query leaves', async () => {
      if (!context.ridesMaster) {
        // The transport resolves names itself: through a resolver that runs
        // in a network namespace, so no query leaves this machine either.
        const transport = context.isolatedResolver;
        if (transport === undefined) throw new Error('this transport needs isolatedResolver');
        const failure = await context
          .connect({ transport }, { ...context.sshd(), host: 'bad-host.invalid' })
          .catch((error: unknown) => error);
        expect(failure).toMatchObject({ kind: 'connect', reason: 'host-unresolved' });
        return;
      }
      const wrapper = join(context.directory(), 'ssh-without-network');
      const unshare = process.getuid?.() === 0 ? 'unshare -n' : 'unshare -rn';
      writeFileSync(wrapper, `#!/bin/sh\nexec ${unshare} -- ssh "$@"\n`);
      chmodSync(wrapper, 0o755);
      const failure = await context
        .connect({ sshPath: wrapper }, { ...context.sshd(), host: 'bad-host.invalid' })
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({ kind: 'connect', reason: 'host-unresolved' });
    });

    it('connection refused: a closed loopback port', async () => {
      const port = await freePort('127.0.0.1');
      await expect(context.connect({}, { ...context.sshd(), port })).rejects.toMatchObject({
        kind: 'connect',
        reason: 'connection-refused',
      });
    });

    it('auth failed: a key the server does not accept is permission-denied', async () => {
      const keyFile = join(context.directory(), 'stranger');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
      const failure = await context.connect({ keyFile }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ kind: 'connect', reason: 'permission-denied' });
      expect(SshError.isInstance(failure) && failure.message.includes('Permission denied')).toBe(
        true,
      );
    });

    it('unknown host key: strict checking against an empty known_hosts fails as host-key-unknown', async () => {
      const knownHosts = join(context.directory(), 'known_hosts');
      writeFileSync(knownHosts, '');
      await expect(
        context.connect({ userKnownHostsFile: knownHosts, knownHosts: 'strict' }),
      ).rejects.toMatchObject({
        kind: 'connect',
        reason: 'host-key-unknown',
      });
    });

    it('changed host key: another key recorded for [host]:port fails as host-key-mismatch, under add too', async () => {
      const impostor = join(context.directory(), 'impostor');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', impostor]);
      const knownHosts = join(context.directory(), 'known_hosts');
      const { host, port } = context.sshd();
      writeFileSync(knownHosts, `[${host}]:${port} ${readFileSync(`${impostor}.pub`, 'utf8')}`);
      for (const knownHostsPolicy of ['strict', 'add'] as const) {
        const failure = await context
          .connect({ userKnownHostsFile: knownHosts, knownHosts: knownHostsPolicy })
          .catch((error: unknown) => error);
        expect(failure).toMatchObject({ kind: 'connect', reason: 'host-key-mismatch' });
        // ssh's own words where ssh runs; a connecting transport says it itself.
        if (context.ridesMaster) {
          expect(SshError.isInstance(failure) && failure.sshOutput).toContain(
            `Host key for [${host}]:${port} has changed`,
          );
        } else {
          expect(String(failure)).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
          expect(String(failure)).toContain(`[${host}]:${port}`);
        }
      }
    });

    it('process exit on signal: a remote process killed by a signal is told apart from a clean exit', async () => {
      await using session = await context.connect();
      const marker = `${5566 + Math.floor(Math.random() * 1000)}.${process.pid}`;
      // `exec`, so the signalled process is the session's own and not a
      // child of the login shell (dash does not exec a lone command itself).
      const sleeping = await session.rawCommand(`exec sleep ${marker}`).spawn();
      try {
        let killed = false;
        for (let attempt = 0; attempt < 50 && !killed; attempt += 1) {
          // Anchored: the local ssh client's argv holds the marker too.
          killed = (
            await session
              .command('pkill')
              .args(['-f', '-o', `^sleep ${marker}`])
              .output()
          ).status.success;
          if (!killed) await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(killed).toBe(true);
        if (session.transport.capabilities.exitSignals) {
          expect(await sleeping.wait()).toMatchObject({
            code: null,
            signal: 'TERM',
            success: false,
          });
        } else {
          await expect(sleeping.wait()).rejects.toMatchObject({
            kind: 'remote-process-terminated',
          });
        }
        await session.check();
      } finally {
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('broken connection: killing the server side fails pending and new commands, check() and close()', async () => {
      const session = await context.connect();
      const marker = `1000.${process.pid}`;
      try {
        const sleeping = await session.command('sleep').arg(marker).spawn();
        const ppid = Number(
          (await session.command('echo').rawArg('$PPID').output()).stdout.toString().trim(),
        );
        expect(ppid).toBeGreaterThan(1);
        const lost = ['disconnected', 'remote-process-terminated'];
        const killer = session
          .command('kill')
          .args(['-9', String(ppid)])
          .output();
        expect(lost).toContain(await failureKind(killer));
        expect(lost).toContain(await failureKind(session.command('echo').arg('foo').output()));
        expect(lost).toContain(await failureKind(session.command('echo').arg('foo').status()));
        expect(lost).toContain(await failureKind(sleeping.waitWithOutput()));
        await expect(session.check()).rejects.toMatchObject({ kind: 'disconnected' });
        await expect(session.close()).rejects.toBeInstanceOf(SshError);
      } finally {
        await session.close().catch(() => undefined);
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('cut-off output: losing the connection mid-output fails stdout (never a clean end) and output() carries what arrived', async () => {
      await using sshd = await startSshd();
      const session = await context.connect({}, sshd);
      try {
        const child = await session.shell('echo first; exec sleep 30').stdout('pipe').spawn();
        const stdout = child.stdout!;
        let ended = false;
        stdout.on('end', () => (ended = true));
        const arrived = new Promise((resolve) => stdout.once('data', resolve));
        const collected = child.waitWithOutput().catch((error: unknown) => error);
        // A writer with writes pending and no 'error' listener must not crash once the link is gone.
        const writer = await session.shell('exec sleep 30').stdin('pipe').spawn();
        for (let written = 0; written < 8; written += 1) writer.stdin!.write(Buffer.alloc(1 << 20));
        await arrived;
        // Every process serving the connection holds its socket: all must go.
        for (const pid of sshd.connectionPids()) signalQuietly(pid, 'SIGKILL');
        const failure = await collected;
        await expect(writer.wait()).rejects.toMatchObject({ kind: 'disconnected' });
        expect(failure).toMatchObject({ kind: 'disconnected' });
        expect(SshError.isInstance(failure) && Buffer.from(failure.stdout ?? []).toString()).toBe(
          'first\n',
        );
        expect(stdout.errored).toMatchObject({ kind: 'disconnected' });
        expect(ended).toBe(false);
      } finally {
        await session.close().catch(() => undefined);
      }
    });

    it("dropped by the harness: killing the sshd's connectionPids() settles pending commands", async () => {
      await using sshd = await startSshd();
      const session = await context.connect({}, sshd);
      const marker = `1001.${process.pid}`;
      try {
        const sleeping = await session.command('sleep').arg(marker).spawn();
        const pending = session.command('sleep').arg(marker).output();
        for (const pid of sshd.connectionPids()) signalQuietly(pid, 'SIGKILL');
        const lost = ['disconnected', 'remote-process-terminated'];
        // Bounded: a connection that stayed up would settle only when sleep ends.
        const settled = Promise.all([failureKind(sleeping.wait()), failureKind(pending)]);
        const outcome = await Promise.race([
          settled,
          new Promise((resolve) => setTimeout(() => resolve('hung'), 15_000)),
        ]);
        expect(outcome).not.toBe('hung');
        for (const kind of outcome as unknown[]) expect(lost).toContain(kind);
      } finally {
        await session.close().catch(() => undefined);
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('exit status before the last output: losing the master in between fails stdout, never a short clean end', async () => {
      // A transport with its own connection has no master: what it loses is
      // that connection, every sshd process serving it killed (an sshd of
      // this test's own, so no other connection is touched).
      await using own = context.ridesMaster ? undefined : await startSshd();
      const session = await context.connect({}, own ?? context.sshd());
      const marker = `1002.${process.pid}`;
      try {
        // Through a master, 3 MiB exits at once into sshd's and the master's
        // buffers (2 MiB windows each); unread, it stays there after
        // exit-status went out. A direct connection has no buffer that
        // dies with it: sshd reads the command's output only as far as the
        // client's window lets it send (channels.c channel_pre_open), so
        // exit-status never overtakes output. There, output written after
        // the command exited does: sshd sends exit-status when the shell
        // exits and goes on reading the pipe until its last writer (here a
        // background job) closes it, and only then sends EOF.
        const total = context.ridesMaster ? 3 << 20 : 2 << 20;
        const child = context.ridesMaster
          ? await session
              .command('head')
              .args(['-c', String(total), '/dev/zero'])
              .stdout('pipe')
              .spawn()
          : await session
              .shell(
                `head -c ${total / 2} /dev/zero; (sleep ${marker}; head -c ${total / 2} /dev/zero) & exit 0`,
              )
              .stdout('pipe')
              .spawn();
        child.stdout!.pause();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const victims = own === undefined ? context.masterPids() : own.connectionPids();
        expect(victims.length).toBeGreaterThan(0);
        for (const pid of victims) signalQuietly(pid, 'SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 300));
        let bytes = 0;
        const reading = (async () => {
          for await (const chunk of child.stdout!) bytes += (chunk as Buffer).byteLength;
        })();
        await expect(reading).rejects.toMatchObject({ kind: 'disconnected' });
        expect(bytes).toBeLessThan(total);
        await child.wait().catch(() => undefined);
      } finally {
        await session.close().catch(() => undefined);
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('a clean exit while the channel stays open: losing the connection before its end fails stdout, never an empty clean end', async () => {
      // The soak's "echo printed ''": the process transport's mux client
      // exits 0 on the exit status, while the master still owns our pipes;
      // a master that dies then closed them just as a channel's end does.
      // A background job keeps the channel (and sshd's read of the pipe)
      // open after the shell's clean exit, so the loss lands in between.
      await using own = context.ridesMaster ? undefined : await startSshd();
      const session = await context.connect({}, own ?? context.sshd());
      const marker = `1003.${process.pid}`;
      try {
        const child = await session
          .shell(`echo first; (sleep ${marker}) & exit 0`)
          .stdout('pipe')
          .spawn();
        let text = '';
        const reading = (async () => {
          for await (const chunk of child.stdout!) text += (chunk as Buffer).toString();
        })();
        reading.catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const victims = own === undefined ? context.masterPids() : own.connectionPids();
        expect(victims.length).toBeGreaterThan(0);
        for (const pid of victims) signalQuietly(pid, 'SIGKILL');
        await expect(reading).rejects.toMatchObject({ kind: 'disconnected' });
        expect(text).toBe('first\n');
        await child.wait().catch(() => undefined);
      } finally {
        await session.close().catch(() => undefined);
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('abort: an AbortSignal mid-command stops it and rejects with the signal reason', async () => {
      await using session = await context.connect();
      const marker = `4321.${process.pid}`;
      try {
        const controller = new AbortController();
        const child = await session
          .command('sleep')
          .arg(marker)
          .stdout('pipe')
          .signal(controller.signal)
          .spawn();
        const reason = new Error('user cancelled');
        controller.abort(reason);
        await expect(child.wait()).rejects.toBe(reason);
        const timedOut = await session
          .command('sleep')
          .arg(marker)
          .timeout(200)
          .output()
          .catch((error: unknown) => error);
        expect(timedOut).toMatchObject({ kind: 'aborted' });
        const early = new AbortController();
        early.abort(reason);
        await expect(session.command('true').signal(early.signal).status()).rejects.toBe(reason);
        const connecting = new AbortController();
        connecting.abort(reason);
        await expect(context.connect({ signal: connecting.signal })).rejects.toBe(reason);
      } finally {
        context.killRemote(`sleep ${marker}`);
      }
      await session.check();
    });

    it("a stream cut off by the caller's abort, timeout or disconnect() fails with wait()'s error, not disconnected", async () => {
      // The command ignores TERM, so the stop has to cut the channel off
      // (a process that dies of the signal ends its output cleanly).
      await using session = await context.connect();
      const marker = `4324.${process.pid}`;
      const line = `trap '' TERM; echo started; sleep ${marker}`;
      try {
        const aborted = new AbortController();
        const reason = new Error('user cancelled');
        const cases: {
          readonly name: string;
          readonly start: () => Promise<RemoteChild>;
          readonly stop: (child: RemoteChild) => void;
        }[] = [
          {
            name: 'abort',
            start: () => session.shell(line).stdout('pipe').signal(aborted.signal).spawn(),
            stop: () => aborted.abort(reason),
          },
          {
            name: 'timeout',
            // Long enough for "started" to arrive first, even on a loaded machine.
            start: () => session.shell(line).stdout('pipe').timeout(3000).spawn(),
            stop: () => undefined,
          },
          {
            name: 'disconnect',
            start: () => session.shell(line).stdout('pipe').spawn(),
            stop: (child) => child.disconnect(),
          },
        ];
        for (const { name, start, stop } of cases) {
          const child = await start();
          const { started, settled } = readStream(child.stdout!);
          await started;
          stop(child);
          const waitError = await child.wait().then(
            () => `${name}: wait() resolved`,
            (error: unknown) => error,
          );
          expect(waitError, name).toBeInstanceOf(Error);
          if (name === 'abort') expect(waitError, name).toBe(reason);
          if (name === 'timeout') expect(waitError, name).toMatchObject({ kind: 'aborted' });
          if (name === 'disconnect')
            expect(waitError, name).toMatchObject({ kind: 'disconnected' });
          expect(await settled, name).toBe(waitError);
        }
      } finally {
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('kill(): unsupported where the transport cannot signal, else the process dies of it', async () => {
      await using session = await context.connect();
      const marker = `4322.${process.pid}`;
      try {
        const child = await session.command('sleep').arg(marker).spawn();
        if (session.transport.capabilities.signals) {
          await child.kill('KILL');
          await expect(child.wait()).resolves.toMatchObject({ signal: 'KILL' });
        } else {
          await expect(child.kill('TERM')).rejects.toMatchObject({ kind: 'unsupported' });
          child.disconnect();
          await expect(child.wait()).rejects.toMatchObject({ kind: 'disconnected' });
        }
      } finally {
        context.killRemote(`sleep ${marker}`);
      }
    });

    it('closed session: commands on a closed session fail as disconnected', async () => {
      const session: Session = await context.connect();
      await session.close();
      await expect(session.command('true').status()).rejects.toMatchObject({
        kind: 'disconnected',
      });
    });
  });
}
