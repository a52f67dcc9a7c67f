import type { ConnectOptions } from './connect-options.js';
import type { ControlPaths } from './control-directory.js';
import type { ParsedDestination } from './destination.js';
import { masterArguments } from './master-arguments.js';
import {
  DEFAULT_SERVER_ALIVE_INTERVAL,
  readResolvedConfig,
  serverAliveFromResolved,
} from './server-alive.js';
import { sessionEnvironment, type SessionVariable } from './session-environment.js';

/** What the user's ssh_config, as `ssh -G` resolves it for a master, adds to a connect. */
export interface ResolvedConnect {
  /** The options, with the default keepalive interval filled in where nothing set one. */
  readonly options: ConnectOptions;
  /** The variables every session sends (SendEnv matches, then SetEnv), as ssh would. */
  readonly sessionEnvironment: readonly SessionVariable[];
}

/**
 * Runs `ssh -G` once with the master's arguments and reads two things from
 * it. The keepalive: `options` get the default interval unless the options
 * or the user's ssh_config set one — ssh takes the first value it gets and
 * the command line comes first, so an interval of ours would silently
 * override the user's. `ssh -G` runs with `BatchMode=no` in place of
 * ours, which wins over a `BatchMode yes` in ssh_config too: on Debian,
 * BatchMode turns an unset interval into 300 s, a distribution default and
 * not the user's choice. A 0 it prints means "unset" (an explicit 0 in
 * ssh_config cannot be told apart: pass `serverAliveInterval: 0`). And the
 * session environment (SendEnv, SetEnv),
 * which transports that open sessions themselves must send as ssh does.
 */
export async function resolveConnect(
  options: ConnectOptions,
  parsed: ParsedDestination,
  paths: Pick<ControlPaths, 'controlSocket' | 'masterLog'>,
): Promise<ResolvedConnect> {
  const argv = masterArguments(options, parsed, paths);
  const batchMode = argv.findIndex((argument) => argument.startsWith('BatchMode='));
  if (batchMode > 0) argv[batchMode] = 'BatchMode=no';
  const resolved = await readResolvedConfig(options.sshPath ?? 'ssh', argv);
  const environment = resolved === undefined ? [] : sessionEnvironment(resolved);
  if (options.serverAliveInterval !== undefined)
    return { options, sessionEnvironment: environment };
  const configured = resolved === undefined ? undefined : serverAliveFromResolved(resolved);
  if (configured !== undefined && configured.intervalMs > 0)
    return { options, sessionEnvironment: environment };
  return {
    options: { ...options, serverAliveInterval: DEFAULT_SERVER_ALIVE_INTERVAL },
    sessionEnvironment: environment,
  };
}
