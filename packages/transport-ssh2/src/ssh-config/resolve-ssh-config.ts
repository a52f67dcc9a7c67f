/**
 * The contract's {@link ResolveSshConfig}: `ssh -G` when an `ssh` program
 * runs (the `sshPath` option, else `ssh` from PATH), otherwise the config
 * files parsed here. Both answers go through the same conversion, and a
 * test proves they agree on the same config file.
 *
 * @packageDocumentation
 */
import type { ResolveSshConfig } from '../contracts.js';
import { resolveWithParser } from './resolve-with-parser.js';
import { resolveWithSsh } from './resolve-with-ssh.js';
import { localIdentity, toResolvedConfig } from './resolved-config.js';

/** Resolves `host` through ssh_config; see {@link ResolveSshConfig}. */
export const resolveSshConfig: ResolveSshConfig = async (host, options) => {
  const local = localIdentity();
  const fromSsh = await resolveWithSsh(options.sshPath ?? 'ssh', host, options);
  if (fromSsh !== undefined) return toResolvedConfig(fromSsh, host, local, 'ssh -G');
  return resolveWithParser(host, options, local);
};
