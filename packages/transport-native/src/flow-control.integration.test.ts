import { text } from 'node:stream/consumers';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { attachEachTest, execTarget } from './attached-transport.fixture.js';

const GIBIBYTE = 1024 * 1024 * 1024;
const RSS_LIMIT = 150 * 1024 * 1024;

const attached = attachEachTest();
const exec = execTarget;

/** Samples this process' RSS until stopped; returns the peak. */
function watchRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

describe('native transport: flow control', () => {
  it('streams 1 GiB of remote stdout with RSS under 150 MB', async () => {
    const stop = watchRss();
    const child = await attached.transport.spawn({
      target: exec(`head -c ${GIBIBYTE} /dev/zero`),
      stdin: 'null',
      stdout: 'pipe',
      stderr: 'null',
    });
    let received = 0;
    for await (const chunk of child.stdout! as AsyncIterable<Buffer>) received += chunk.byteLength;
    expect((await child.wait()).code).toBe(0);
    expect(received).toBe(GIBIBYTE);
    expect(stop()).toBeLessThan(RSS_LIMIT);
  });

  it('uploads 1 GiB into remote stdin with RSS under 150 MB, counted remotely', async () => {
    const stop = watchRss();
    const child = await attached.transport.spawn({
      target: exec('wc -c'),
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'null',
    });
    const counted = text(child.stdout!);
    const block = Buffer.alloc(256 * 1024);
    const stdin = child.stdin!;
    for (let sent = 0; sent < GIBIBYTE; sent += block.byteLength) {
      if (!stdin.write(block)) await new Promise((resolve) => stdin.once('drain', resolve));
    }
    stdin.end();
    expect(Number((await counted).trim())).toBe(GIBIBYTE);
    expect((await child.wait()).code).toBe(0);
    expect(stop()).toBeLessThan(RSS_LIMIT);
  });

  it('holds a producer back while nobody reads: buffered output stays within one window', async () => {
    const child = await attached.transport.spawn({
      target: exec('head -c 67108864 /dev/zero'),
      stdin: 'null',
      stdout: 'pipe',
      stderr: 'null',
    });
    const stdout = child.stdout!;
    await sleep(500);
    const buffered = stdout.readableLength;
    // The default window is 2 MiB; the server may overrun it by nothing.
    expect(buffered).toBeGreaterThan(0);
    expect(buffered).toBeLessThanOrEqual(2 * 1024 * 1024);
    let received = 0;
    for await (const chunk of stdout as AsyncIterable<Buffer>) received += chunk.byteLength;
    expect(received).toBe(64 * 1024 * 1024);
    expect((await child.wait()).code).toBe(0);
  });
});
