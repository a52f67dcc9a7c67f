/**
 * The files an ssh_config `Include` names, as readconf.c finds them: `~`
 * expanded (user configs only), a relative path taken from `~/.ssh` (user
 * config) or `/etc/ssh` (system config), then glob(3) with `*` and `?` in
 * any path component — sorted, dot files only for a pattern starting with
 * a dot, no match being no file.
 *
 * @packageDocumentation
 */
import { readdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { SshError } from '@openssh-ts/session-core';
import { matchPattern } from '../known-hosts/host-patterns.js';
import { expandTilde } from './percent-tokens.js';

/** Where relative Include paths are anchored, and whether `~` is allowed. */
export interface IncludeBase {
  readonly userConfig: boolean;
  readonly homeDirectory: string;
}

const WILDCARD = /[*?]/;

async function entriesOf(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch {
    return [];
  }
}

/** Expands one glob pattern into the existing paths it names, sorted. */
async function glob(pattern: string): Promise<string[]> {
  const components = pattern.split('/');
  let prefixes = [components[0] === '' ? '/' : (components[0] ?? '')];
  for (const component of components.slice(1)) {
    if (component === '') continue;
    if (!WILDCARD.test(component)) {
      prefixes = prefixes.map((prefix) => join(prefix, component));
      continue;
    }
    const next: string[] = [];
    for (const prefix of prefixes) {
      for (const entry of (await entriesOf(prefix)).sort()) {
        if (entry.startsWith('.') && !component.startsWith('.')) continue;
        if (matchPattern(entry, component)) next.push(join(prefix, entry));
      }
    }
    prefixes = next;
  }
  return WILDCARD.test(pattern) ? prefixes : prefixes.filter((path) => path !== '');
}

/** The files one Include argument names, in the order ssh reads them. */
export async function includePaths(
  argument: string,
  base: IncludeBase,
  file: string,
): Promise<string[]> {
  if (argument.startsWith('~') && !base.userConfig) {
    throw new SshError('connect', `ssh_config ${file}: bad include path ${argument}`, {
      reason: 'other',
    });
  }
  let path = expandTilde(argument, base.homeDirectory);
  if (!isAbsolute(path) && !path.startsWith('~')) {
    path = base.userConfig ? join(base.homeDirectory, '.ssh', path) : join('/etc/ssh', path);
  }
  return glob(path);
}
