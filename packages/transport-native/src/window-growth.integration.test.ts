// Receive windows over an emulated 50 ms link (tooling/link-relay): they grow
// on the wire when the window is what limits a download, and not for a reader
// that is the limit; the master session-core launched carries the malloc
// settings that keep a large window from stalling it (master-malloc-tunables.ts).
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startLinkRelay } from '@openssh-ts/link-relay';
import { Session } from '@openssh-ts/session-core';
import { recordTrace } from '@openssh-ts/session-suite';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { describe, expect, it } from 'vitest';
import { nativeTransport } from './native-transport.js';

const MiB = 1024 * 1024;
const INITIAL_WINDOW = 2 * MiB;

async function connectThroughLink(delayMs: number) {
  const sshd = harnessSshd();
  const relay = await startLinkRelay({ target: { host: sshd.host, port: sshd.port }, delayMs });
  const session = await Session.connect(sshd.hostAlias, {
    transport: nativeTransport(),
    configFile: sshd.sshConfigFile,
    sshOptions: relay.sshOptions,
  });
  return {
    relay,
    session,
    async [Symbol.asyncDispose]() {
      const directory = dirname(session.controlSocket!);
      await session.close();
      await relay[Symbol.asyncDispose]();
      expect(processesMentioning([directory])).toEqual([]);
    },
  };
}

/** Sizes the trace reports a window grew or shrank to. */
function windowSizes(lines: readonly string[]): number[] {
  return lines.flatMap((line) => {
    const match = / receive window \d+ -> (\d+) bytes/.exec(line);
    return match ? [Number(match[1])] : [];
  });
}

describe('native transport: receive windows over a 50 ms link', () => {
  it('grows a download window past its initial size, and sshd fills it', async () => {
    await using link = await connectThroughLink(25);
    const recording = recordTrace();
    const grown = (): number => Math.max(0, ...windowSizes(recording.lines));
    try {
      const child = await link.session
        .command('head')
        .args(['-c', String(64 * MiB), '/dev/zero'])
        .stdout('pipe')
        .spawn();
      const stdout = child.stdout!;
      let received = 0;
      // Read at full speed until the window has grown, then stop reading.
      await new Promise<void>((resolve) => {
        const onData = (chunk: Buffer): void => {
          received += chunk.byteLength;
          if (grown() <= INITIAL_WINDOW && received < 48 * MiB) return;
          stdout.off('data', onData);
          stdout.pause();
          resolve();
        };
        stdout.on('data', onData);
      });
      const window = grown();
      expect(window).toBeGreaterThan(INITIAL_WINDOW);
      // sshd keeps sending into the grown window while nobody reads: more
      // than the initial window comes to sit in the stream (less what was
      // consumed but not yet granted back, under one 256 KiB grant step).
      for (let polls = 0; polls < 500 && stdout.readableLength <= INITIAL_WINDOW; polls++) {
        await sleep(20);
      }
      expect(stdout.readableLength).toBeGreaterThan(INITIAL_WINDOW);
      expect(stdout.readableLength).toBeLessThanOrEqual(window);
      for await (const chunk of stdout as AsyncIterable<Buffer>) received += chunk.byteLength;
      expect((await child.wait()).code).toBe(0);
      expect(received).toBe(64 * MiB);
    } finally {
      recording.stop();
    }
  });

  it('does not grow the window of a reader that is the limit', async () => {
    await using link = await connectThroughLink(25);
    const recording = recordTrace();
    try {
      const child = await link.session
        .command('head')
        .args(['-c', String(12 * MiB), '/dev/zero'])
        .stdout('pipe')
        .spawn();
      let received = 0;
      // A pause after every chunk: a few MiB/s, far below what the link carries.
      for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
        received += chunk.byteLength;
        await sleep(10);
      }
      expect((await child.wait()).code).toBe(0);
      expect(received).toBe(12 * MiB);
    } finally {
      recording.stop();
    }
    expect(windowSizes(recording.lines).filter((size) => size > INITIAL_WINDOW)).toEqual([]);
    // A window's worth plus SSH framing, never more.
    const stats = await link.relay.stats();
    expect(stats.peakInFlightToClient).toBeLessThanOrEqual(INITIAL_WINDOW + 64 * 1024);
  });

  it('launches the master with malloc settings that keep large windows from stalling it', async () => {
    await using link = await connectThroughLink(1);
    const directory = dirname(link.session.controlSocket!);
    const [master] = processesMentioning([directory]);
    expect(master).toBeDefined();
    // glibc cuts GLIBC_TUNABLES at each ':' in place as it parses it, so
    // /proc shows the entries apart.
    const environment = readFileSync(`/proc/${master!.pid}/environ`, 'utf8');
    expect(environment).toContain('GLIBC_TUNABLES=');
    expect(environment).toContain('glibc.malloc.mmap_threshold=33554432');
    expect(environment).toContain('glibc.malloc.trim_threshold=67108864');
  });
});
