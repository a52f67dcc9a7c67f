import type { BenchCase, Contender } from '../bench-case.js';
import { now, runConcurrently } from '../child-process.js';
import { cipherSetup, listeningSshd, type BenchEnvironment } from '../environment.js';
import { SEQUENTIAL_BURST } from '../options.js';
import type { Project } from '../project.js';
import {
  freshSsh,
  projectRunner,
  sshViaMaster,
  ssh2Runner,
  SSH_VIA_MASTER,
  type CommandRunner,
} from './command-runners.js';

const TRUE = ['true'] as const;

function asContender(runner: CommandRunner, run: Contender['run']): Contender {
  return {
    name: runner.name,
    role: runner.role,
    ...(runner.unavailable === undefined ? {} : { unavailable: runner.unavailable }),
    ...(runner.setup ? { setup: () => runner.setup!() } : {}),
    ...(runner.teardown ? { teardown: () => runner.teardown!() } : {}),
    ...(runner.cpuTargets ? { cpuTargets: () => runner.cpuTargets!() } : {}),
    run,
  };
}

function runners(
  project: Project,
  environment: BenchEnvironment,
  withFreshSsh: boolean,
): CommandRunner[] {
  const setup = cipherSetup(environment, 'chacha20');
  return [
    projectRunner(project, 'native', environment, setup),
    projectRunner(project, 'process', environment, setup),
    projectRunner(project, 'ssh2', environment, setup),
    sshViaMaster(setup),
    ...(withFreshSsh ? [freshSsh(setup)] : []),
    ssh2Runner(environment, setup, false),
    ssh2Runner(environment, setup, true),
  ];
}

/**
 * One `true` at a time, back to back: each repetition runs a burst of
 * {@link SEQUENTIAL_BURST} and reports the mean per command. Bursts rather
 * than single commands because interleaving single commands would leave a
 * pause before each one, which hides stalls that only back-to-back requests
 * meet (Nagle's algorithm waiting for a delayed ACK, ~40 ms).
 */
export function sequentialCase(project: Project, environment: BenchEnvironment): BenchCase {
  return {
    id: 'command-latency',
    group: 'commands',
    title: `sequential \`true\`, back to back (mean of ${SEQUENTIAL_BURST} per repetition)`,
    unit: 'ms',
    better: 'lower',
    repetitions: environment.sizes.sequentialRepetitions,
    warmup: 1,
    baseline: SSH_VIA_MASTER,
    contenders: runners(project, environment, true).map((runner) =>
      asContender(runner, async () => {
        const started = now();
        for (let index = 0; index < SEQUENTIAL_BURST; index += 1) await runner.runCommand(TRUE);
        return { value: (now() - started) / SEQUENTIAL_BURST };
      }),
    ),
  };
}

/**
 * `commands` `true`s with `concurrency` in flight on one connection; the
 * server has MaxSessions 100, so no contender is ever refused a channel.
 */
export function throughputCase(
  project: Project,
  environment: BenchEnvironment,
  concurrency: number,
): BenchCase {
  const total = environment.sizes.commands;
  return {
    id: `command-throughput-${concurrency}`,
    group: 'commands',
    title: `${total} × \`true\`, concurrency ${concurrency}`,
    unit: 'cmd/s',
    better: 'higher',
    repetitions: environment.sizes.bulkRepetitions,
    warmup: 0,
    baseline: SSH_VIA_MASTER,
    cpu: { per: 'command', amount: total, sshd: listeningSshd(environment) },
    contenders: runners(project, environment, false).map((runner) =>
      asContender(runner, async () => {
        const started = now();
        await runConcurrently(total, concurrency, () => runner.runCommand(TRUE));
        return { value: total / ((now() - started) / 1000) };
      }),
    ),
  };
}
