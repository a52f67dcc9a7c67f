// The reference line: physical limits measured in the same run, which no
// contender is expected to reach but which say how far from the floor each
// one is.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { BenchCase, Contender, Sample } from '../bench-case.js';
import { countBytes, mebibytesPerSecond } from '../byte-streams.js';
import { now, runProgram } from '../child-process.js';
import type { BenchEnvironment } from '../environment.js';
import { SEQUENTIAL_BURST } from '../options.js';

function single(
  id: string,
  title: string,
  unit: BenchCase['unit'],
  better: BenchCase['better'],
  repetitions: number,
  contender: Contender,
): BenchCase {
  return {
    id,
    group: 'reference',
    title,
    unit,
    better,
    repetitions,
    warmup: 0,
    baseline: contender.name,
    contenders: [contender],
  };
}

/** `openssl speed` for one AEAD on one core, 16 KiB blocks (an SSH packet is at most 32 KiB of payload). */
function opensslCase(environment: BenchEnvironment, evpName: string, id: string): BenchCase {
  const seconds = environment.mode === 'quick' ? 1 : 2;
  return single(
    id,
    `openssl speed -evp ${evpName}, 1 core, 16 KiB blocks`,
    'MiB/s',
    'higher',
    environment.mode === 'quick' ? 1 : 3,
    {
      name: `openssl ${evpName}`,
      role: 'reference',
      run: async (): Promise<Sample> => {
        const { stdout } = await runProgram(
          'openssl',
          ['speed', '-evp', evpName, '-seconds', String(seconds), '-bytes', '16384', '-mr'],
          {
            captureStdout: true,
          },
        );
        // Machine-readable result line: +F:<n>:<name>:<bytes per second>
        const bytesPerSecond = Number(/^\+F:\d+:[^:]+:([\d.]+)/m.exec(stdout)?.[1]);
        if (!(bytesPerSecond > 0))
          throw new Error(`unexpected openssl output: ${stdout.slice(0, 200)}`);
        return { value: bytesPerSecond / (1024 * 1024) };
      },
    },
  );
}

// Plain JavaScript for `node -e`: connect, write the bytes in 256 KiB chunks with backpressure, end.
const SOCKET_WRITER = `
const net = require('node:net');
const [path, total] = [process.argv[1], Number(process.argv[2])];
const chunk = Buffer.alloc(256 * 1024);
const socket = net.connect(path, () => {
  let left = total;
  const pump = () => {
    while (left > 0) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!socket.write(piece)) return socket.once('drain', pump);
    }
    socket.end();
  };
  pump();
});
`;

function unixSocketCase(environment: BenchEnvironment): BenchCase {
  const bytes = environment.sizes.streamBytes;
  const path = join(environment.scratchDirectory, 'reference.sock');
  return single(
    'reference-unix-socket',
    'Unix socket, Node process → Node process',
    'MiB/s',
    'higher',
    environment.sizes.bulkRepetitions,
    {
      name: 'Node ↔ Node Unix socket',
      role: 'reference',
      run: async (): Promise<Sample> => {
        const server = createServer();
        await new Promise<void>((resolve) => server.listen(path, resolve));
        try {
          // Timed from the connection to the last byte: the writer's start-up is not the socket's cost.
          const accepted = new Promise<number>((resolve, reject) => {
            server.once('connection', (socket) => {
              const started = now();
              countBytes(socket).then((received) => {
                if (received === bytes) resolve(mebibytesPerSecond(bytes, started));
                else reject(new Error(`received ${received} of ${bytes} bytes`));
              }, reject);
            });
          });
          const writer = runProgram(process.execPath, ['-e', SOCKET_WRITER, path, String(bytes)]);
          const [value] = await Promise.all([accepted, writer]);
          return { value };
        } finally {
          await new Promise<void>((resolve) => server.close(() => resolve()));
        }
      },
    },
  );
}

function spawnCase(environment: BenchEnvironment): BenchCase {
  return single(
    'reference-spawn',
    `Node child_process.spawn('/bin/true') until exit, back to back (mean of ${SEQUENTIAL_BURST})`,
    'ms',
    'lower',
    environment.sizes.sequentialRepetitions,
    {
      name: "spawn('/bin/true')",
      role: 'reference',
      run: async (): Promise<Sample> => {
        const started = now();
        for (let index = 0; index < SEQUENTIAL_BURST; index += 1) {
          await new Promise<void>((resolve, reject) => {
            const child = spawn('/bin/true', { stdio: 'ignore' });
            child.once('error', reject);
            child.once('close', () => resolve());
          });
        }
        return { value: (now() - started) / SEQUENTIAL_BURST };
      },
    },
  );
}

/** Every reference case. */
export function referenceCases(environment: BenchEnvironment): BenchCase[] {
  return [
    opensslCase(environment, 'chacha20-poly1305', 'reference-openssl-chacha20'),
    opensslCase(environment, 'aes-128-gcm', 'reference-openssl-aes128gcm'),
    unixSocketCase(environment),
    spawnCase(environment),
  ];
}
