/**
 * ssh_config's `%` tokens, `~` and `${NAME}` as OpenSSH expands them in
 * paths (ssh.c `default_client_percent_dollar_expand`, misc.c
 * `percent_expand` and `tilde_expand_filename`): `%d` home directory, `%u`
 * local user, `%i` local uid, `%l` local host name, `%L` its first label,
 * `%h` remote host name, `%n` the host as given, `%k` HostKeyAlias or the
 * host as given, `%p` port, `%r` remote user, `%C` the SHA-1 of
 * `%l%h%p%r`, `%%` a percent sign. An unknown token is an error, as in ssh.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { SshError } from '@openssh-ts/session-core';

/** What the tokens stand for on this connection. */
export interface TokenContext {
  readonly homeDirectory: string;
  readonly localUser: string;
  readonly localUid: number;
  readonly localHostName: string;
  /** Remote host name (HostName applied). */
  readonly hostName: string;
  /** The host as given on the command line (or in the destination). */
  readonly originalHost: string;
  readonly hostKeyAlias: string | undefined;
  readonly port: number;
  readonly remoteUser: string;
}

function tokenValues(context: TokenContext): Readonly<Record<string, string>> {
  const connectionHash = createHash('sha1')
    .update(`${context.localHostName}${context.hostName}${context.port}${context.remoteUser}`)
    .digest('hex');
  return {
    '%': '%',
    C: connectionHash,
    d: context.homeDirectory,
    h: context.hostName,
    i: String(context.localUid),
    k: context.hostKeyAlias ?? context.originalHost,
    L: context.localHostName.split('.')[0] ?? context.localHostName,
    l: context.localHostName,
    n: context.originalHost,
    p: String(context.port),
    r: context.remoteUser,
    u: context.localUser,
  };
}

function unknownToken(what: string, text: string, token: string): SshError {
  return new SshError('connect', `${what}: unknown token ${token} in ${JSON.stringify(text)}`, {
    reason: 'other',
  });
}

/**
 * Replaces `%x` tokens from `values` and, with an `environment`, `${NAME}`
 * references, in one pass (a value put in is never expanded again). An
 * unknown token, a dangling `%` or an unset variable is an error.
 */
export function percentExpand(
  text: string,
  values: Readonly<Record<string, string>>,
  what: string,
  environment?: NodeJS.ProcessEnv,
): string {
  return text.replace(
    /%(.?)|\$\{([^}]*)\}/gs,
    (whole, key: string | undefined, name: string | undefined) => {
      if (name !== undefined) {
        if (environment === undefined) return whole;
        const variable = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? environment[name] : undefined;
        if (variable === undefined) throw unknownToken(what, text, `environment variable ${whole}`);
        return variable;
      }
      const value = values[key ?? ''];
      if (value === undefined) throw unknownToken(what, text, whole);
      return value;
    },
  );
}

/** `~` or `~/…` at the start becomes the home directory (`~user` is left as written). */
export function expandTilde(path: string, homeDirectory: string): string {
  if (path === '~') return homeDirectory;
  if (path.startsWith('~/')) return `${homeDirectory.replace(/\/$/, '')}${path.slice(1)}`;
  return path;
}

/** A path as ssh expands IdentityFile, UserKnownHostsFile and IdentityAgent: `~`, then `%` tokens and `${NAME}`. */
export function expandPath(
  path: string,
  context: TokenContext,
  environment: NodeJS.ProcessEnv,
  what: string,
): string {
  return percentExpand(
    expandTilde(path, context.homeDirectory),
    tokenValues(context),
    what,
    environment,
  );
}
