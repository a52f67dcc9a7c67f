// The shape every SFTP-case contender shares: move one source file to a
// destination of its own between two tmpfs paths, time only the move, check
// the first copy byte for byte, and leave no copy behind.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Contender, Sample } from '../bench-case.js';
import { mebibytesPerSecond } from '../byte-streams.js';
import { now } from '../child-process.js';
import type { CpuTargets } from '../cpu-meter.js';
import type { BenchEnvironment } from '../environment.js';
import { sameContent } from '../files.js';

/** Which way a file moves: from the server (`download`) or to it. */
export type Direction = 'download' | 'upload';

/** The file a contender reads and the one it writes. */
export interface Paths {
  readonly source: string;
  readonly destination: string;
}

/** The shared source file and a destination named after the contender. */
export function pathsFor(
  environment: BenchEnvironment,
  direction: Direction,
  contender: string,
): Paths {
  const slug = contender.replace(/[^a-z0-9]+/gi, '-');
  return {
    source: join(environment.dataDirectory, `sftp-source-${environment.sizes.sftpBytes}.bin`),
    destination: join(environment.dataDirectory, `${direction}-${slug}.bin`),
  };
}

async function verifyCopy(paths: Paths): Promise<void> {
  // Byte for byte: on tmpfs as cheap as hashing one side, and stronger than a checksum.
  if (!(await sameContent(paths.source, paths.destination))) {
    throw new Error(`copy differs from the source: ${paths.destination}`);
  }
}

/** What a transfer contender does besides the shared bookkeeping. */
export interface TransferHooks {
  setup?(): Promise<void>;
  transfer(paths: Paths): Promise<unknown>;
  cpuTargets?(): Promise<CpuTargets>;
  teardown?(): Promise<void>;
}

/** A contender that moves `paths.source` to `paths.destination` with `transfer`. */
export function transferContender(
  environment: BenchEnvironment,
  direction: Direction,
  base: Pick<Contender, 'name' | 'role' | 'unavailable' | 'isolate' | 'cpuClient'>,
  hooks: TransferHooks,
): Contender {
  const paths = pathsFor(environment, direction, base.name);
  const bytes = environment.sizes.sftpBytes;
  return {
    ...base,
    setup: async () => {
      await hooks.setup?.();
    },
    ...(hooks.cpuTargets ? { cpuTargets: () => hooks.cpuTargets!() } : {}),
    run: async (): Promise<Sample> => {
      await rm(paths.destination, { force: true });
      const started = now();
      await hooks.transfer(paths);
      return { value: mebibytesPerSecond(bytes, started) };
    },
    afterRun: async (repetition) => {
      // Only the first copy is checked; the others go at once, so that seven
      // contenders never hold seven 1 GiB copies in RAM-backed tmpfs. Freeing
      // a GiB of tmpfs is not the client's transfer, hence not in run().
      if (repetition !== 0) await rm(paths.destination, { force: true });
    },
    verify: async () => {
      await verifyCopy(paths);
      await rm(paths.destination, { force: true });
    },
    teardown: async () => {
      await hooks.teardown?.();
      await rm(paths.destination, { force: true });
    },
  };
}
