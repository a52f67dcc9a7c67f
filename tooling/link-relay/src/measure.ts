// `pnpm --filter @openssh-ts/link-relay measure [GiB]`: pushes bytes one way
// through a relay (25 ms each way, default bound) to a local sink and prints
// the relay process's CPU seconds per GiB and the rate it carried. This is the
// figure in the README: the relay must not be what limits a benchmark.
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startLinkRelay } from './index.js';

async function measure(gibibytes: number, delayMs: number): Promise<void> {
  const total = Math.round(gibibytes * 2 ** 30);
  let received = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const sink = createServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= total) done();
    });
  });
  sink.listen(0, '127.0.0.1');
  await once(sink, 'listening');
  const address = sink.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const relay = await startLinkRelay({
    target: { host: '127.0.0.1', port: address.port },
    delayMs,
  });
  try {
    const before = await relay.stats();
    const client = createConnection({ host: relay.host, port: relay.port, noDelay: true });
    await once(client, 'connect');
    const chunk = Buffer.alloc(256 << 10, 1);
    const started = performance.now();
    for (let sent = 0; sent < total; sent += chunk.length) {
      if (!client.write(chunk)) await once(client, 'drain');
    }
    await finished;
    const seconds = (performance.now() - started) / 1000;
    const after = await relay.stats();
    client.destroy();
    const cpu = after.cpuSeconds - before.cpuSeconds;
    process.stdout.write(
      `delay ${delayMs} ms each way: ${gibibytes} GiB in ${seconds.toFixed(2)} s ` +
        `(${(total / 2 ** 20 / seconds).toFixed(0)} MiB/s), relay CPU ${(cpu / gibibytes).toFixed(2)} s/GiB, ` +
        `load ${loadavg()[0]?.toFixed(1) ?? '?'}\n`,
    );
  } finally {
    await relay.close();
    sink.close();
  }
}

const gibibytes = Number(process.argv[2] ?? '1');
for (const delayMs of [0, 25]) await measure(gibibytes, delayMs);
