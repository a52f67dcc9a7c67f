// Faults on a real link, through the link relay: a partition, a reset and a
// half-close each way, while a command, a 256 MiB stream each way and a
// forwarded connection are in flight on one session. Every one of them must
// settle — commands and streams with SshError('disconnected'), the forwarded
// socket closed — within the detection bound plus one second, and nothing
// of the session may be left behind (the suite's leak check).
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { type LinkRelay, startLinkRelay } from '@openssh-ts/link-relay';
import { freePort, listProcesses } from '@openssh-ts/test-sshd';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deadLinkBound,
  ReconnectingSession,
  type Session,
  SshError,
} from '@openssh-ts/session-core';
import type { SuiteContext } from './suite-context.js';
import { recordTrace } from './trace-recorder.js';

/** Short keepalives, so a partition is noticed in 2 s (the default is 60 s). */
export const FAULT_KEEPALIVE = { serverAliveInterval: 1000, serverAliveCountMax: 1 } as const;

/** How long after a fault everything must have settled: the bound plus one second. */
export const FAULT_DEADLINE_MS =
  deadLinkBound({
    intervalMs: FAULT_KEEPALIVE.serverAliveInterval,
    countMax: FAULT_KEEPALIVE.serverAliveCountMax,
  }) + 1000;

const STREAM_BYTES = 256 << 20;
/** Bytes each stream must have moved before the fault: the fault lands mid-stream. */
const BEFORE_FAULT = 8 << 20;

/** The faults the relay injects, by name. */
export const LINK_FAULTS: Readonly<Record<string, (relay: LinkRelay) => Promise<void>>> = {
  partition: (relay) => relay.partition(),
  reset: (relay) => relay.reset(),
  'half-close towards the server': (relay) => relay.halfClose('to-server'),
  'half-close towards the client': (relay) => relay.halfClose('to-client'),
};

/** Connection options that send a session through `relay` with strict host keys. */
export function throughRelay(relay: LinkRelay): { sshOptions: string[] } {
  return { sshOptions: relay.sshOptions.filter((option) => option.startsWith('HostKeyAlias=')) };
}

/** When `operation` settled and how. */
interface Settled {
  readonly at: number;
  readonly error: unknown;
}

function settlement(operation: Promise<unknown>): Promise<Settled> {
  return operation.then(
    () => ({ at: Date.now(), error: undefined }),
    (error: unknown) => ({ at: Date.now(), error }),
  );
}

function kindOf(error: unknown): unknown {
  return SshError.isInstance(error) ? error.kind : error;
}

/** Reads `stream` to its end, counting bytes; rejects as the stream fails. */
async function drain(stream: Readable, counter: { bytes: number }): Promise<void> {
  for await (const chunk of stream) counter.bytes += (chunk as Buffer).byteLength;
}

/** Writes `total` bytes to `stream` with backpressure; settles when it is done or goes away. */
function feed(stream: Writable, total: number, counter: { bytes: number }): Promise<void> {
  const chunk = Buffer.alloc(1 << 20, 0x61);
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.once('close', () => resolve());
    const pump = (): void => {
      while (counter.bytes < total && !stream.destroyed) {
        counter.bytes += chunk.byteLength;
        if (!stream.write(chunk)) {
          stream.once('drain', pump);
          return;
        }
      }
      if (!stream.destroyed) stream.end();
    };
    pump();
  });
}

async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address !== null ? address.port : 0 };
}

async function connectEventually(port: number): Promise<Socket> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
      });
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 30_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Everything in flight on one session, started and proven to be moving. */
async function startWork(session: Session, marker: string) {
  const sleeper = await session.command('sleep').arg(marker).stdout('pipe').spawn();
  const download = await session
    .command('head')
    .args(['-c', String(STREAM_BYTES), '/dev/zero'])
    .stdout('pipe')
    .spawn();
  const downloaded = { bytes: 0 };
  const downloading = drain(download.stdout!, downloaded);
  const upload = await session.shell('exec cat > /dev/null').stdin('pipe').spawn();
  const uploaded = { bytes: 0 };
  const uploading = feed(upload.stdin!, STREAM_BYTES, uploaded);
  const echo = await echoServer();
  const listen = { host: '127.0.0.1', port: await freePort('127.0.0.1') };
  const forward = await session.requestPortForward('local', listen, {
    host: '127.0.0.1',
    port: echo.port,
  });
  const socket = await connectEventually(listen.port);
  socket.write('ping');
  await new Promise((resolve) => socket.once('data', resolve));
  const socketClosed = new Promise<void>((resolve) => {
    socket.on('error', () => undefined);
    socket.once('close', () => resolve());
  });
  await until(
    () => downloaded.bytes >= BEFORE_FAULT && uploaded.bytes >= BEFORE_FAULT,
    'both streams to move',
  );
  return {
    sleeper,
    download,
    downloaded,
    downloading,
    upload,
    uploading,
    forward,
    socket,
    socketClosed,
    echo,
  };
}

/** Registers the link fault tests. */
export function linkFaultTests(context: SuiteContext): void {
  describe('faults on the link (through the link relay)', () => {
    let relay: LinkRelay | undefined;
    beforeAll(async () => {
      const sshd = context.sshd();
      // 400 Mbit/s: 256 MiB takes over 5 s, so every fault lands mid-stream.
      relay = await startLinkRelay({
        target: { host: sshd.host, port: sshd.port },
        rateMbitPerSecond: 400,
      });
    });
    afterEach(async () => {
      await relay?.heal();
    });
    afterAll(async () => {
      await relay?.close();
    });

    it('reconnect: pending work still rejects, new work gets a new connection, attempts are bounded, events tell', async () => {
      const link = relay!;
      const sshd = context.sshd();
      const marker = `${4900 + Math.floor(Math.random() * 500)}.${process.pid}`;
      const resilient = await ReconnectingSession.connect(
        context.destination({ ...sshd, port: link.port }),
        {
          transport: context.transport,
          keyFile: sshd.identityFile,
          userKnownHostsFile: sshd.knownHostsFile,
          controlDirectory: context.directory(),
          connectTimeout: 1000,
          ...FAULT_KEEPALIVE,
          ...throughRelay(link),
        },
        { attempts: 2, initialDelayMs: 100 },
      );
      const events: string[] = [];
      for (const name of [
        'lost',
        'reconnecting',
        'attempt-failed',
        'reconnected',
        'gave-up',
      ] as const)
        resilient.on(name, () => events.push(name));
      // The same story on the debug trace, one `reconnect:` line per step.
      const recording = recordTrace();
      try {
        const first = await resilient.session();
        const pending = resilient
          .run((session) => session.command('sleep').arg(marker).status())
          .catch((error: unknown) => error);
        // The master is up, or on a transport with its own connection the
        // pending command has reached sshd (its sleep runs).
        await until(
          () =>
            context.ridesMaster
              ? context.masterPids().length === 1
              : listProcesses().some((entry) => entry.commandLine.includes(`sleep ${marker}`)),
          context.ridesMaster ? 'the master' : 'the pending command',
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        await link.reset();
        expect(kindOf(await pending)).toBe('disconnected');
        const back = await resilient.run((session) => session.command('echo').arg('back').output());
        expect(back.stdout.toString()).toBe('back\n');
        expect(await resilient.session()).not.toBe(first);
        expect(events).toEqual(['lost', 'reconnecting', 'reconnected']);
        // A link that stays down: the loss is noticed, then two attempts time out.
        await link.partition();
        const stalled = resilient
          .run((session) => session.command('sleep').arg(marker).status())
          .catch((error: unknown) => error);
        expect(kindOf(await stalled)).toBe('disconnected');
        await expect(resilient.session()).rejects.toMatchObject({ kind: 'connect' });
        expect(events.slice(3)).toEqual([
          'lost',
          'reconnecting',
          'attempt-failed',
          'reconnecting',
          'attempt-failed',
          'gave-up',
        ]);
        const steps = recording.lines
          .filter((line) => line.startsWith('reconnect: '))
          .map((line) => line.replace(/^reconnect: \S+: /, ''));
        expect(steps.map((step) => step.replace(/ \(.*\)$/, ''))).toEqual([
          'connection lost',
          'attempt 1 of 2 in 100 ms',
          'attempt 1 connected',
          'connection lost',
          'attempt 1 of 2 in 100 ms',
          'attempt 1 failed',
          'attempt 2 of 2 in 200 ms',
          'attempt 2 failed',
          'gave up',
        ]);
        expect(steps[0]).toMatch(/^connection lost \(disconnected: /);
        expect(steps.at(-1)).toMatch(/^gave up \(connect: /);
      } finally {
        recording.stop();
        await link.heal();
        await resilient.close().catch(() => undefined);
        context.killRemote(`sleep ${marker}`);
      }
    });

    for (const [name, inject] of Object.entries(LINK_FAULTS)) {
      it(`${name}: a command, 256 MiB each way and a forwarded connection all fail within the bound + 1 s`, async () => {
        const link = relay!;
        const marker = `${4400 + Math.floor(Math.random() * 500)}.${process.pid}`;
        const session = await context.connect(
          { ...FAULT_KEEPALIVE, ...throughRelay(link) },
          { ...context.sshd(), port: link.port },
        );
        try {
          const work = await startWork(session, marker);
          let downloadEnded = false;
          work.download.stdout!.on('end', () => (downloadEnded = true));
          const outcomes = [
            settlement(work.sleeper.wait()),
            settlement(work.downloading),
            settlement(work.download.wait()),
            settlement(work.upload.wait()),
            settlement(work.uploading),
            settlement(work.socketClosed),
          ];
          const faultAt = Date.now();
          await inject(link);
          const settled = await Promise.all(outcomes);
          const [sleeping, downloading, downloadStatus, uploadStatus] = settled;
          for (const outcome of [sleeping, downloading, downloadStatus, uploadStatus])
            expect(kindOf(outcome!.error)).toBe('disconnected');
          // The cut-off download never looked complete.
          expect(downloadEnded).toBe(false);
          expect(work.downloaded.bytes).toBeLessThan(STREAM_BYTES);
          const slowest = Math.max(...settled.map((outcome) => outcome.at)) - faultAt;
          expect(slowest).toBeLessThan(FAULT_DEADLINE_MS);
          // Later calls fail at once, and so does closing the forward.
          await expect(session.command('true').status()).rejects.toMatchObject({
            kind: 'disconnected',
          });
          await expect(session.check()).rejects.toMatchObject({ kind: 'disconnected' });
          await expect(session.closePortForward(work.forward)).rejects.toBeInstanceOf(SshError);
          work.socket.destroy();
          work.echo.server.close();
          console.info(
            `[faults] ${context.transport.name} ${name}: all settled ${slowest} ms after the fault (deadline ${FAULT_DEADLINE_MS} ms); ${(work.downloaded.bytes / 2 ** 20).toFixed(0)} MiB down`,
          );
        } finally {
          await session.close().catch(() => undefined);
          context.killRemote(`sleep ${marker}`);
        }
      });
    }
  });
}
