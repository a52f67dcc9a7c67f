// `pnpm bench [--quick]`: starts its own sshd, runs every case with the
// contenders interleaved, prints one table and writes results/latest.json and
// results/latest.md. See BENCHMARKS.md at the repository root.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processesMentioning } from '@openssh-ts/test-sshd';
import type { BenchCase } from './bench-case.js';
import { buildCases } from './cases/index.js';
import { Cleanup, cleanUpOnSignals } from './cleanup.js';
import { embedTable } from './embed-table.js';
import { startEnvironment, type LinkRequest } from './environment.js';
import { isolated } from './isolate.js';
import { readMachine } from './machine.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { CHART_DIRECTORY, chartLinks, writeRatioCharts } from './ratio-chart.js';
import { loadProject } from './project.js';
import type { CaseResult, RunResult } from './results.js';
import { runCase, type Log } from './runner.js';
import { markdownTable, textTable } from './table.js';

const log: Log = (line) => void process.stderr.write(`${line}\n`);

function ssh2Version(): string {
  const manifest = createRequire(import.meta.url)('ssh2/package.json') as { version?: string };
  return manifest.version ?? 'unknown';
}

function withIsolation(benchCase: BenchCase, environmentFile: string): BenchCase {
  return {
    ...benchCase,
    contenders: benchCase.contenders.map((contender) =>
      contender.isolate === true ? isolated(benchCase.id, contender, environmentFile) : contender,
    ),
  };
}

/** Puts the table into BENCHMARKS.md; quick or filtered runs are no comparison and are refused. */
async function updateBenchmarksDocument(run: RunResult, complete: boolean): Promise<void> {
  if (run.mode !== 'full' || !complete) {
    log('--update-doc: not a complete full run, BENCHMARKS.md left as it is');
    return;
  }
  const path = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
  const name = run.link === undefined ? 'latest-full' : `rtt${run.link.roundTripMs}`;
  const charts = await writeRatioCharts(
    run,
    fileURLToPath(new URL(`../../../${CHART_DIRECTORY}/`, import.meta.url)),
    name,
  );
  const section = `${markdownTable(run).trim()}\n\n${chartLinks(charts, CHART_DIRECTORY)}`;
  await writeFile(path, embedTable(await readFile(path, 'utf8'), section, name));
  log(`updated ${path}`);
}

/** One complete pass over the cases, on loopback or over one emulated link; writes its result files. */
async function runOnce(
  options: BenchOptions,
  link: LinkRequest | undefined,
  cleanup: Cleanup,
  watch: (directories: string[]) => void,
): Promise<{ failed: boolean }> {
  const startedAt = Date.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const { environment, relay } = await startEnvironment(
    options.mode,
    options.sizes,
    cleanup,
    log,
    link,
  );
  watch([environment.scratchDirectory, environment.dataDirectory, environment.sshd.directory]);
  const environmentFile = join(environment.scratchDirectory, 'environment.json');
  await writeFile(environmentFile, JSON.stringify(environment));
  const [project, machine] = await Promise.all([
    loadProject(),
    readMachine(environment, ssh2Version()),
  ]);

  const cases = buildCases(project, environment)
    .filter((benchCase) => options.only?.test(benchCase.id) ?? true)
    .map((benchCase) => withIsolation(benchCase, environmentFile));
  const results: CaseResult[] = [];
  for (const benchCase of cases) {
    const caseStarted = Date.now();
    if (cleanup.stopping) break;
    log(`${benchCase.id}: ${benchCase.title}`);
    results.push(await runCase(benchCase, log, () => cleanup.stopping));
    log(`${benchCase.id}: done in ${((Date.now() - caseStarted) / 1000).toFixed(1)} s`);
  }
  const relayStats = await relay?.stats();
  const run: RunResult = {
    mode: options.mode,
    ...(link === undefined || relayStats === undefined
      ? {}
      : {
          link: {
            ...link,
            relayedBytes: relayStats.bytesToServer + relayStats.bytesToClient,
            relayCpuSeconds: relayStats.cpuSeconds,
          },
        }),
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    machine,
    durationSeconds: (Date.now() - startedAt) / 1000,
    cases: results,
  };
  const failed = results.some((result) => result.rows.some((row) => row.status === 'failed'));

  const outputDirectory =
    options.outputDirectory ?? fileURLToPath(new URL('../results/', import.meta.url));
  const stem = link === undefined ? 'latest' : `latest-rtt${link.roundTripMs}`;
  await mkdir(outputDirectory, { recursive: true });
  await writeFile(join(outputDirectory, `${stem}.json`), `${JSON.stringify(run, null, 2)}\n`);
  await writeFile(join(outputDirectory, `${stem}.md`), markdownTable(run));
  await writeRatioCharts(run, outputDirectory, stem);
  process.stdout.write(
    `${textTable(run)}\n\nwrote ${join(outputDirectory, `${stem}.{json,md}`)}\n`,
  );
  // A filtered run is not the suite: only a complete full run goes into BENCHMARKS.md.
  if (options.updateDocument) await updateBenchmarksDocument(run, options.only === undefined);
  return { failed };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const cleanup = new Cleanup();
  cleanUpOnSignals(cleanup, log);
  let failed = false;
  const watched: string[] = [];
  try {
    // One run per round trip asked for (each its own sshd, relay and masters), or loopback.
    const links: (LinkRequest | undefined)[] =
      options.roundTripsMs.length === 0
        ? [undefined]
        : options.roundTripsMs.map((roundTripMs) => ({
            roundTripMs,
            ...(options.rateMbitPerSecond === undefined
              ? {}
              : { rateMbitPerSecond: options.rateMbitPerSecond }),
          }));
    for (const link of links) {
      if (cleanup.stopping) break;
      const outcome = await runOnce(options, link, cleanup, (directories) =>
        watched.push(...directories),
      );
      failed ||= outcome.failed;
    }
  } finally {
    await cleanup.run(log);
  }
  const leftovers = processesMentioning(watched);
  if (leftovers.length > 0) {
    log(`left behind: ${leftovers.map((entry) => `${entry.pid} ${entry.commandLine}`).join('; ')}`);
    return 1;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
