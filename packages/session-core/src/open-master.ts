import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { configMayMention } from './config-mentions.js';
import type { ConnectOptions } from './connect-options.js';
import {
  createControlDirectory,
  removeStaleControlDirectories,
  socketAnswers,
  type ControlPaths,
} from './control-directory.js';
import { parseDestination, type ParsedDestination } from './destination.js';
import { exitMaster } from './exit-master.js';
import { launchMaster } from './launch-master.js';
import { launchMasterWithPrompts } from './launch-with-prompts.js';
import { hasPromptSource } from './login-answers.js';
import { masterArguments } from './master-arguments.js';
import { DEFAULT_SERVER_ALIVE_INTERVAL } from './server-alive.js';
import { resolveConnect } from './server-alive-default.js';
import type { SessionVariable } from './session-environment.js';
import { SshError } from './ssh-error.js';
import { trace } from './trace.js';

/** Starts `ssh -M` with `options` (and `signal` to end it); resolves once the master is up. */
type Launch = (options: ConnectOptions, signal: AbortSignal | undefined) => Promise<void>;

/** What {@link openMaster} may be told, for tests. */
export interface OpenMasterHooks {
  /** Whether ssh_config could set ServerAliveInterval (default: {@link configMayMention}). */
  readonly configMayMention?: (keyword: string, configFile: string | undefined) => Promise<boolean>;
}

/**
 * Starts a ControlMaster for `destination` in a fresh control directory;
 * resolves with its paths and the session environment its ssh_config names.
 * On any failure the directory is removed again before the error is thrown.
 *
 * `ssh -G` tells two things about the user's ssh_config: whether it sets a
 * keepalive interval (else the master gets ours, which must not override
 * theirs) and the session environment. Running it first costs a whole ssh
 * start before the connection even begins, so it runs beside the master's
 * launch whenever the launch does not depend on it: when the options set
 * the interval, or when no config file ssh reads mentions it (a plain read,
 * config-mentions.ts). `ssh -G` still checks that guess; should the config
 * set an interval after all (a system config the read did not see), the
 * master is stopped and started again without ours.
 */
export async function openMaster(
  destination: string,
  options: ConnectOptions,
  hooks: OpenMasterHooks = {},
): Promise<ControlPaths & { readonly sessionEnvironment: readonly SessionVariable[] }> {
  const parsed = parseDestination(destination);
  if (options.cleanStaleControlDirectories === true)
    await removeStaleControlDirectories(options.controlDirectory);
  const paths = await createControlDirectory(options.controlDirectory);
  const launch: Launch = (launchOptions, signal) => {
    const request = {
      sshPath: options.sshPath ?? 'ssh',
      argv: masterArguments(launchOptions, parsed, paths),
      masterLog: paths.masterLog,
      ...(options.sshAuthSock === undefined ? {} : { sshAuthSock: options.sshAuthSock }),
      ...(signal === undefined ? {} : { signal }),
    };
    return hasPromptSource(options)
      ? launchMasterWithPrompts(request, options, paths.directory)
      : launchMaster(request);
  };
  let sessionEnvironment: readonly SessionVariable[];
  try {
    if (options.serverAliveInterval !== undefined) {
      // The launch does not depend on ssh -G at all.
      const [resolved] = await Promise.all([
        resolveConnect(options, parsed, paths),
        launch(options, options.signal),
      ]);
      sessionEnvironment = resolved.sessionEnvironment;
    } else if (await keepaliveUnconfigured(options, hooks)) {
      sessionEnvironment = await launchOnGuess(launch, options, parsed, paths);
    } else {
      const resolved = await resolveConnect(options, parsed, paths);
      sessionEnvironment = resolved.sessionEnvironment;
      await launch(resolved.options, options.signal);
    }
  } catch (error) {
    await rm(paths.directory, { recursive: true, force: true });
    throw error;
  }
  return { ...paths, sessionEnvironment };
}

/**
 * Whether the master can be started with our default interval before
 * `ssh -G` confirms it: no option or config file mentions the keyword, and
 * nobody would be asked for a password or passphrase (a second launch must
 * not ask again).
 */
async function keepaliveUnconfigured(
  options: ConnectOptions,
  hooks: OpenMasterHooks,
): Promise<boolean> {
  if (hasPromptSource(options)) return false;
  if ((options.sshOptions ?? []).some((option) => /^\s*serveraliveinterval\b/i.test(option)))
    return false;
  const mayMention = hooks.configMayMention ?? configMayMention;
  return !(await mayMention('ServerAliveInterval', options.configFile));
}

/** Launches with the default interval while `ssh -G` runs; starts over should it say otherwise. */
async function launchOnGuess(
  launch: Launch,
  options: ConnectOptions,
  parsed: ParsedDestination,
  paths: ControlPaths,
): Promise<readonly SessionVariable[]> {
  const stop = new AbortController();
  const signal =
    options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const guess = { ...options, serverAliveInterval: DEFAULT_SERVER_ALIVE_INTERVAL };
  const launched = launch(guess, signal).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  const resolved = await resolveConnect(options, parsed, paths);
  if (resolved.options.serverAliveInterval !== undefined) {
    // ssh_config sets no interval: the master already has the right one.
    const failed = await launched;
    if (failed !== undefined) throw failed.error;
    return resolved.sessionEnvironment;
  }
  trace('ssh', () => 'ssh_config sets ServerAliveInterval: starting the master again without ours');
  const restart = new SshError(
    'aborted',
    'the master is started again with the configured keepalive',
  );
  stop.abort(restart);
  const failed = await launched;
  if (options.signal?.aborted === true) throw options.signal.reason;
  if (failed !== undefined && failed.error !== restart) throw failed.error;
  // It may have come up before the stop reached it.
  const sshPath = options.sshPath ?? 'ssh';
  if (await socketAnswers(paths.controlSocket)) {
    await exitMaster(sshPath, paths.controlSocket);
    for (let tries = 0; tries < 100 && (await socketAnswers(paths.controlSocket)); tries += 1)
      await sleep(20);
  }
  await rm(paths.controlSocket, { force: true });
  await launch(resolved.options, options.signal);
  return resolved.sessionEnvironment;
}
