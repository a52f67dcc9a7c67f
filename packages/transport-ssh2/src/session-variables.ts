/**
 * The variables every session of a connection carries, as ssh sends them
 * (clientloop.c client_session2_setup): first each variable of this
 * process' environment whose name matches a SendEnv pattern, in
 * environment order, then every SetEnv entry, each as an `env` request.
 * sshd keeps only what its AcceptEnv allows. Taken once, at connect time,
 * as ssh reads its environment once when it starts.
 *
 * @packageDocumentation
 */
import type { ResolvedSshConfig } from './contracts.js';
import { matchPattern } from './known-hosts/host-patterns.js';

/** One variable as an `env` request carries it. */
export type SessionVariable = readonly [name: string, value: string];

/** SendEnv matches of `environment`, then SetEnv, in ssh's order. */
export function sessionVariables(
  config: Pick<ResolvedSshConfig, 'sendEnv' | 'setEnv'>,
  environment: NodeJS.ProcessEnv = process.env,
): SessionVariable[] {
  const sent: SessionVariable[] = [];
  if (config.sendEnv.length > 0) {
    for (const [name, value] of Object.entries(environment)) {
      if (value === undefined) continue;
      if (config.sendEnv.some((pattern) => matchPattern(name, pattern))) sent.push([name, value]);
    }
  }
  return [...sent, ...config.setEnv];
}
