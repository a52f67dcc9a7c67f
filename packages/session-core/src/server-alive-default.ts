import type { ConnectOptions } from './connect-options.js';
import type { ControlPaths } from './control-directory.js';
import type { ParsedDestination } from './destination.js';
import { masterArguments } from './master-arguments.js';
import { DEFAULT_SERVER_ALIVE_INTERVAL, readServerAliveConfig } from './server-alive.js';

/**
 * `options` with the default keepalive interval filled in, unless the
 * options or the user's ssh_config (as `ssh -G` resolves it) set one. ssh
 * takes the first value it gets and the command line comes first, so an
 * interval of ours would silently override the user's: hence the look.
 * `ssh -G` runs without our BatchMode, which on Debian would turn an
 * unset interval into 300 s; a 0 it prints means "unset" (an explicit 0
 * in ssh_config cannot be told apart: pass `serverAliveInterval: 0`).
 */
export async function withServerAliveDefault(
  options: ConnectOptions,
  parsed: ParsedDestination,
  paths: Pick<ControlPaths, 'controlSocket' | 'masterLog'>,
): Promise<ConnectOptions> {
  if (options.serverAliveInterval !== undefined) return options;
  const argv = masterArguments(options, parsed, paths);
  const batchMode = argv.findIndex((argument) => argument.startsWith('BatchMode='));
  if (batchMode > 0) argv.splice(batchMode - 1, 2);
  const configured = await readServerAliveConfig(options.sshPath ?? 'ssh', argv);
  if (configured !== undefined && configured.intervalMs > 0) return options;
  return { ...options, serverAliveInterval: DEFAULT_SERVER_ALIVE_INTERVAL };
}
