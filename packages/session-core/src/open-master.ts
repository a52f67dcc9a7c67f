import { rm } from 'node:fs/promises';
import type { ConnectOptions } from './connect-options.js';
import {
  createControlDirectory,
  removeStaleControlDirectories,
  type ControlPaths,
} from './control-directory.js';
import { parseDestination } from './destination.js';
import { launchMaster } from './launch-master.js';
import { launchMasterWithPrompts } from './launch-with-prompts.js';
import { hasPromptSource } from './login-answers.js';
import { masterArguments } from './master-arguments.js';
import { resolveConnect } from './server-alive-default.js';
import type { SessionVariable } from './session-environment.js';

/**
 * Starts a ControlMaster for `destination` in a fresh control directory;
 * resolves with its paths and the session environment its ssh_config names.
 * On any failure the directory is removed again before the error is thrown.
 */
export async function openMaster(
  destination: string,
  options: ConnectOptions,
): Promise<ControlPaths & { readonly sessionEnvironment: readonly SessionVariable[] }> {
  const parsed = parseDestination(destination);
  if (options.cleanStaleControlDirectories === true)
    await removeStaleControlDirectories(options.controlDirectory);
  const paths = await createControlDirectory(options.controlDirectory);
  let sessionEnvironment: readonly SessionVariable[];
  try {
    const resolved = await resolveConnect(options, parsed, paths);
    sessionEnvironment = resolved.sessionEnvironment;
    const argv = masterArguments(resolved.options, parsed, paths);
    const request = {
      sshPath: options.sshPath ?? 'ssh',
      argv,
      masterLog: paths.masterLog,
      ...(options.sshAuthSock === undefined ? {} : { sshAuthSock: options.sshAuthSock }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };
    if (hasPromptSource(options)) await launchMasterWithPrompts(request, options, paths.directory);
    else await launchMaster(request);
  } catch (error) {
    await rm(paths.directory, { recursive: true, force: true });
    throw error;
  }
  return { ...paths, sessionEnvironment };
}
