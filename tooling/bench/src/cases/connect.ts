import { join } from 'node:path';
import type { BenchCase, Contender } from '../bench-case.js';
import { now, runProgram } from '../child-process.js';
import {
  cipherSetup,
  exitMaster,
  launchMaster,
  sshOptions,
  type BenchEnvironment,
} from '../environment.js';
import type { Project, TransportName } from '../project.js';
import { connectSsh2, ssh2Run } from '../ssh2-client.js';
import { connectProject, projectIdentity, projectRun } from './command-runners.js';

const BASELINE = 'ssh -M -f -N, then ssh -S ctl';

/** Connecting: the time until a ControlMaster (or connection) is up and a first `true` has exited. */
export function connectCase(project: Project, environment: BenchEnvironment): BenchCase {
  const setup = cipherSetup(environment, 'chacha20');
  const project_ = (transport: TransportName): Contender => {
    return {
      ...projectIdentity(project, transport),
      run: async () => {
        const started = now();
        const connection = await connectProject(project, transport, environment, setup);
        let value: number;
        try {
          await projectRun(connection.session, ['true']);
          value = now() - started;
        } catch (error) {
          await connection.close().catch(() => undefined);
          throw error;
        }
        try {
          await connection.close();
          return { value };
        } catch (error) {
          return {
            value,
            warning: `close: ${error instanceof Error ? error.message : String(error)}`,
          };
        }
      },
    };
  };
  const controlSocket = join(environment.scratchDirectory, 'connect.ctl');
  const masterThenCommand: Contender = {
    name: BASELINE,
    role: 'comparison',
    run: async () => {
      const started = now();
      await launchMaster(setup, controlSocket);
      try {
        await runProgram('ssh', [
          ...sshOptions(setup),
          '-S',
          controlSocket,
          '-T',
          setup.alias,
          'true',
        ]);
        return { value: now() - started };
      } finally {
        await exitMaster(setup, controlSocket);
      }
    },
  };
  const freshSsh: Contender = {
    name: 'fresh ssh host true',
    role: 'comparison',
    run: async () => {
      const started = now();
      await runProgram('ssh', [...sshOptions(setup), '-T', setup.alias, 'true']);
      return { value: now() - started };
    },
  };
  const ssh2 = (noDelay: boolean): Contender => ({
    name: noDelay ? 'ssh2 (TCP_NODELAY)' : 'ssh2 (defaults)',
    role: 'comparison',
    run: async () => {
      const started = now();
      const client = await connectSsh2(environment, setup, { noDelay });
      try {
        await ssh2Run(client, 'true');
        return { value: now() - started };
      } finally {
        client.end();
      }
    },
  });
  return {
    id: 'connect',
    group: 'connect',
    title: 'connect + first `true` done',
    unit: 'ms',
    better: 'lower',
    repetitions: environment.sizes.connectRepetitions,
    warmup: 1,
    baseline: BASELINE,
    contenders: [
      project_('native'),
      project_('process'),
      project_('ssh2'),
      masterThenCommand,
      freshSsh,
      ssh2(false),
      ssh2(true),
    ],
  };
}
