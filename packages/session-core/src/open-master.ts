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
import { withServerAliveDefault } from './server-alive-default.js';

/**
 * Starts a ControlMaster for `destination` in a fresh control directory.
 * On any failure the directory is removed again before the error is thrown.
 */
export async function openMaster(
  destination: string,
  options: ConnectOptions,
): Promise<ControlPaths> {
  const parsed = parseDestination(destination);
  if (options.cleanStaleControlDirectories === true)
    await removeStaleControlDirectories(options.controlDirectory);
  const paths = await createControlDirectory(options.controlDirectory);
  try {
    const argv = masterArguments(
      await withServerAliveDefault(options, parsed, paths),
      parsed,
      paths,
    );
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
  return paths;
}
