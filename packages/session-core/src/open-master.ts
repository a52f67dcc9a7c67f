import { rm } from 'node:fs/promises';
import type { ConnectOptions } from './connect-options.js';
import {
  createControlDirectory,
  removeStaleControlDirectories,
  type ControlPaths,
} from './control-directory.js';
import { parseDestination } from './destination.js';
import { launchMaster } from './launch-master.js';
import { masterArguments } from './master-arguments.js';
import { SshError } from './ssh-error.js';

/**
 * Starts a ControlMaster for `destination` in a fresh control directory.
 * On any failure the directory is removed again before the error is thrown.
 */
export async function openMaster(
  destination: string,
  options: ConnectOptions,
): Promise<ControlPaths> {
  const parsed = parseDestination(destination);
  for (const name of ['password', 'passphrase', 'onPrompt'] as const) {
    if (options[name] !== undefined)
      throw new SshError(
        'unsupported',
        `the ${name} option is not supported yet by transports that ride a ControlMaster`,
      );
  }
  if (options.cleanStaleControlDirectories === true)
    await removeStaleControlDirectories(options.controlDirectory);
  const paths = await createControlDirectory(options.controlDirectory);
  try {
    const argv = masterArguments(options, parsed, paths);
    await launchMaster({
      sshPath: options.sshPath ?? 'ssh',
      argv,
      masterLog: paths.masterLog,
      ...(options.sshAuthSock === undefined ? {} : { sshAuthSock: options.sshAuthSock }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    await rm(paths.directory, { recursive: true, force: true });
    throw error;
  }
  return paths;
}
