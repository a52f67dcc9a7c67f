// Child-process entry for isolated contenders (see isolate.ts): rebuilds the
// cases from the environment file, sets up one contender, then serves the
// parent's requests — run a repetition, verify, finish — over IPC, each
// figure with this process' peak RSS so far.
import { readFile } from 'node:fs/promises';
import { buildCases } from './cases/index.js';
import { Cleanup, cleanUpOnSignals } from './cleanup.js';
import type { BenchEnvironment } from './environment.js';
import type { WorkerReply, WorkerRequest } from './isolate.js';
import { ownCpuSeconds } from './proc-stat.js';
import { loadProject } from './project.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function reply(message: WorkerReply): void {
  process.send?.(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const [environmentFile, caseId, contenderName] = process.argv.slice(2);
  if (
    environmentFile === undefined ||
    caseId === undefined ||
    contenderName === undefined ||
    process.send === undefined
  ) {
    throw new Error(
      'usage: worker.ts <environment.json> <case id> <contender name>, started with an IPC channel',
    );
  }
  const environment = JSON.parse(await readFile(environmentFile, 'utf8')) as BenchEnvironment;
  const project = await loadProject();
  const benchCase = buildCases(project, environment).find((candidate) => candidate.id === caseId);
  const contender = benchCase?.contenders.find((candidate) => candidate.name === contenderName);
  if (contender === undefined) throw new Error(`no contender ${contenderName} in case ${caseId}`);

  const cleanup = new Cleanup();
  // Ctrl-C reaches this process too (same process group): tear down first.
  cleanUpOnSignals(cleanup, log);
  cleanup.add('teardown', async () => contender.teardown?.());
  // The parent going away (crash, SIGKILL) closes the IPC channel.
  const finished = new Promise<void>((resolve) => process.once('disconnect', resolve));
  try {
    await contender.setup?.();
    const cpuTargets =
      benchCase?.cpu === undefined
        ? undefined
        : await contender.cpuTargets?.().catch(() => undefined);
    reply({
      type: 'ready',
      settledRssBytes: process.memoryUsage.rss(),
      ...(cpuTargets === undefined ? {} : { cpuTargets }),
    });
    process.on('message', (message: WorkerRequest) => {
      void (async () => {
        try {
          if (message.type === 'run') {
            const spawnedOnly = contender.cpuClient === 'spawned';
            const cpuBefore = ownCpuSeconds(spawnedOnly);
            const sample = await contender.run(message.repetition);
            const cpuAfter = ownCpuSeconds(spawnedOnly);
            await contender.afterRun?.(message.repetition);
            // maxRSS is in KiB and covers the whole life of this process.
            reply({
              type: 'sample',
              value: sample.value,
              peakRssBytes: process.resourceUsage().maxRSS * 1024,
              clientCpuSeconds:
                cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
            });
          } else if (message.type === 'verify') {
            await contender.verify?.();
            reply({ type: 'verified' });
          } else {
            process.disconnect();
          }
        } catch (error) {
          reply({ type: 'error', message: describe(error) });
        }
      })();
    });
    await finished;
  } catch (error) {
    reply({ type: 'error', message: describe(error) });
  } finally {
    await cleanup.run(log);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(describe(error));
    process.exit(1);
  },
);
