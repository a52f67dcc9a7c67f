// The ways of running one short remote command that the command cases
// compare. Each keeps its connection from `setup` to `teardown`, so only the
// command itself is measured.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import type { Contender, ContenderRole } from '../bench-case.js';
import { runProgram } from '../child-process.js';
import { viaMaster, type CpuTargets } from '../cpu-meter.js';
import { sshOptions, type BenchEnvironment, type CipherSetup } from '../environment.js';
import type { Project, ProjectSession, TransportName } from '../project.js';
import { connectSsh2, ssh2CpuTargets, ssh2Run } from '../ssh2-client.js';

/** Something that can run one remote command repeatedly once set up. */
export interface CommandRunner {
  readonly name: string;
  readonly role: ContenderRole;
  readonly unavailable?: string;
  setup?(): Promise<void>;
  /** Runs `command` (a shell word list) and resolves once it exited 0. */
  runCommand(command: readonly string[]): Promise<void>;
  /** The processes serving it, for CPU accounting (see {@link Contender.cpuTargets}). */
  cpuTargets?(): Promise<CpuTargets>;
  teardown?(): Promise<void>;
}

/** Name of the baseline every command case compares against. */
export const SSH_VIA_MASTER = 'ssh -S ctl';

/** Plain `ssh -S <ctl>` spawned from Node per command: what a process-spawning library costs. */
export function sshViaMaster(setup: CipherSetup): CommandRunner {
  return {
    name: SSH_VIA_MASTER,
    role: 'comparison',
    cpuTargets: () => Promise.resolve(viaMaster(setup.masterPid)),
    runCommand: async (command) => {
      await runProgram('ssh', [
        ...sshOptions(setup),
        '-S',
        setup.controlSocket,
        '-T',
        setup.alias,
        ...command,
      ]);
    },
  };
}

/** A fresh `ssh` connection per command: key exchange, authentication and all. */
export function freshSsh(setup: CipherSetup): CommandRunner {
  return {
    name: 'fresh ssh',
    role: 'comparison',
    runCommand: async (command) => {
      await runProgram('ssh', [...sshOptions(setup), '-T', setup.alias, ...command]);
    },
  };
}

/** The `ssh2` npm package, one connection, one channel per command. */
export function ssh2Runner(
  environment: BenchEnvironment,
  setup: CipherSetup,
  noDelay: boolean,
): CommandRunner {
  let client: Client | undefined;
  return {
    name: noDelay ? 'ssh2 (TCP_NODELAY)' : 'ssh2 (defaults)',
    role: 'comparison',
    setup: async () => {
      client = await connectSsh2(environment, setup, { noDelay });
    },
    runCommand: async (command) => {
      if (client === undefined) throw new Error('not set up');
      await ssh2Run(client, command.join(' '));
    },
    cpuTargets: () => {
      if (client === undefined) throw new Error('not set up');
      return Promise.resolve(ssh2CpuTargets(client));
    },
    teardown: async () => {
      client?.end();
      client = undefined;
      await Promise.resolve();
    },
  };
}

/** Name of a project contender, e.g. `openssh-ts native`. */
export function projectName(transport: TransportName): string {
  return `openssh-ts ${transport}`;
}

/**
 * Name, role and availability of the project's contender with `transport`;
 * `alsoUnavailable` adds the reason of another package the contender needs.
 */
export function projectIdentity(
  project: Project,
  transport: TransportName,
  alsoUnavailable?: string,
): Pick<Contender, 'name' | 'role' | 'unavailable'> {
  const unavailable = project.transportUnavailable(transport) ?? alsoUnavailable;
  return {
    name: projectName(transport),
    role: 'project',
    ...(unavailable === undefined ? {} : { unavailable }),
  };
}

/**
 * Connects a project Session with the given transport to the cipher's alias;
 * its ControlMaster's directory lives under the run's scratch directory, so
 * the run's final sweep finds it whatever happens.
 */
export async function connectProject(
  project: Project,
  transport: TransportName,
  environment: BenchEnvironment,
  setup: CipherSetup,
): Promise<{ session: ProjectSession; close(): Promise<void> }> {
  const controlDirectory = await mkdtemp(join(environment.scratchDirectory, `${transport}-`));
  try {
    const session = await project.connect(transport, setup.alias, {
      configFile: setup.configFile,
      controlDirectory,
      sshOptions: [`Ciphers=${setup.cipher}`, `KexAlgorithms=${setup.kex}`],
      cipher: setup.cipher,
      kex: setup.kex,
    });
    return {
      session,
      close: async () => {
        try {
          await session.close();
        } finally {
          await rm(controlDirectory, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(controlDirectory, { recursive: true, force: true });
    throw error;
  }
}

/** Runs a command on a project session and rejects unless it succeeded. */
export async function projectRun(
  session: ProjectSession,
  command: readonly string[],
): Promise<void> {
  const [program, ...args] = command;
  if (program === undefined) throw new Error('empty command');
  const status = await session.command(program).args(args).status();
  if (!status.success) throw new Error(`${command.join(' ')}: exit ${String(status.code)}`);
}

/** A project Session opened in a contender's setup and closed in its teardown. */
export interface ProjectConnection {
  open(): Promise<ProjectSession>;
  /** The open session; throws before `open()`. */
  session(): ProjectSession;
  /** Its ControlMaster, as `session.check()` reports it. */
  cpuTargets(): Promise<CpuTargets>;
  close(): Promise<void>;
}

/** Holds one project Session for the length of a case. */
export function projectConnection(
  project: Project,
  transport: TransportName,
  environment: BenchEnvironment,
  setup: CipherSetup,
): ProjectConnection {
  let connection: Awaited<ReturnType<typeof connectProject>> | undefined;
  const session = (): ProjectSession => {
    if (connection === undefined) throw new Error('not set up');
    return connection.session;
  };
  return {
    open: async () => {
      connection = await connectProject(project, transport, environment, setup);
      return connection.session;
    },
    session,
    cpuTargets: async () => {
      // The ssh2 transport rides no master: this process holds the
      // connection (found when it is the process' only one to sshd).
      if (transport === 'ssh2') return { connection: { pid: process.pid } };
      const status = await session().check?.();
      return viaMaster(status?.masterPid);
    },
    close: async () => {
      const closing = connection;
      connection = undefined;
      await closing?.close();
    },
  };
}

/** The project's Session with one transport, connected once. */
export function projectRunner(
  project: Project,
  transport: TransportName,
  environment: BenchEnvironment,
  setup: CipherSetup,
): CommandRunner {
  const connection = projectConnection(project, transport, environment, setup);
  return {
    ...projectIdentity(project, transport),
    setup: async () => void (await connection.open()),
    runCommand: (command) => projectRun(connection.session(), command),
    cpuTargets: () => connection.cpuTargets(),
    teardown: () => connection.close(),
  };
}
