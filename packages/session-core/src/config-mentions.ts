// Whether ssh_config could set a keyword for a master, told without running
// ssh: a plain read of every file ssh may read, following Include. It only
// ever answers "no" when no file it found mentions the keyword and nothing
// stopped it from seeing one; anything it cannot follow (a glob in a
// directory, a quoted or `${VAR}` path, an unreadable file, Windows) is a
// "maybe". It is a guess that lets a connect skip waiting for `ssh -G`, and
// `ssh -G` still checks it (open-master.ts): the system config of an ssh
// built with another prefix than those listed here is not seen.
import { readdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Where ssh builds keep their system-wide ssh_config (Debian and most distributions first). */
export const SYSTEM_CONFIG_FILES: readonly string[] = [
  '/etc/ssh/ssh_config',
  '/etc/ssh_config',
  '/usr/etc/ssh/ssh_config',
  '/usr/local/etc/ssh/ssh_config',
  '/usr/local/etc/ssh_config',
  '/opt/homebrew/etc/ssh/ssh_config',
  '/opt/local/etc/ssh/ssh_config',
];

/** ssh's own bound on nested Include (readconf.c READCONF_MAX_DEPTH). */
const MAX_DEPTH = 16;

/** A file to read and the directory its relative Include paths are taken from. */
interface Source {
  readonly path: string;
  readonly base: string;
}

/** The files `ssh [-F configFile]` reads before any Include: `-F` alone, else the user's and the system's. */
function topSources(configFile: string | undefined, home: string): Source[] {
  const userBase = join(home, '.ssh');
  if (configFile === 'none') return [];
  if (configFile !== undefined) return [{ path: resolve(configFile), base: userBase }];
  return [
    { path: join(userBase, 'config'), base: userBase },
    // Relative Include paths in a system config are taken from its own directory.
    ...SYSTEM_CONFIG_FILES.map((path) => ({ path, base: dirname(path) })),
  ];
}

/** Thrown inside the walk when it cannot tell: the answer is then "maybe". */
class CannotTell extends Error {}

/** `*` and `?` in one path component, as glob(3) matches them (no leading dot). */
function componentPattern(pattern: string): RegExp {
  const source = pattern
    .split('')
    .map((character) =>
      character === '*'
        ? '[^/]*'
        : character === '?'
          ? '[^/]'
          : character.replace(/[\\^$.|+()[\]{}]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

/** The files an Include argument names, in glob(3)'s (sorted) order. */
async function includedFiles(argument: string, base: string, home: string): Promise<string[]> {
  if (/["'$%\\]/.test(argument) || /^~[^/]/.test(argument)) throw new CannotTell();
  const expanded = argument.startsWith('~/') ? join(home, argument.slice(2)) : argument;
  const path = isAbsolute(expanded) ? expanded : join(base, expanded);
  const directory = dirname(path);
  const name = path.slice(directory.length + 1);
  if (/[*?[]/.test(directory) || name.includes('[')) throw new CannotTell();
  if (!/[*?]/.test(name)) return [path];
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    if (isMissing(error)) return [];
    throw new CannotTell();
  }
  const pattern = componentPattern(name);
  return entries
    .filter((entry) => pattern.test(entry) && (name.startsWith('.') || !entry.startsWith('.')))
    .sort()
    .map((entry) => join(directory, entry));
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Whether `source` or a file it includes mentions `keyword` (lowercase). */
async function mentions(
  source: Source,
  keyword: string,
  home: string,
  depth: number,
): Promise<boolean> {
  if (depth > MAX_DEPTH) throw new CannotTell();
  let text: string;
  try {
    text = await readFile(source.path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return false;
    throw new CannotTell();
  }
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+|$)(.*)$/.exec(line);
    if (match === null) continue;
    const word = (match[1] ?? '').toLowerCase();
    if (word === keyword) return true;
    if (word !== 'include') continue;
    for (const argument of (match[2] ?? '').trim().split(/\s+/)) {
      if (argument === '' || argument.startsWith('#')) break;
      for (const path of await includedFiles(argument, source.base, home)) {
        if (await mentions({ path, base: source.base }, keyword, home, depth + 1)) return true;
      }
    }
  }
  return false;
}

/**
 * Whether an ssh_config file that `ssh [-F configFile]` reads could set
 * `keyword` (case-insensitive): true when a file mentions it, or when the
 * files cannot all be read and followed; false only when none mentions it.
 * Files that do not exist are skipped, as ssh skips them.
 */
export async function configMayMention(
  keyword: string,
  configFile: string | undefined,
  homeDirectory?: string,
): Promise<boolean> {
  if (process.platform === 'win32') return true;
  try {
    // ssh takes ~ from the passwd entry, not from $HOME.
    const home = homeDirectory ?? userInfo().homedir;
    for (const source of topSources(configFile, home)) {
      if (await mentions(source, keyword.toLowerCase(), home, 1)) return true;
    }
    return false;
  } catch {
    // CannotTell, or no passwd entry to take ~ from.
    return true;
  }
}
