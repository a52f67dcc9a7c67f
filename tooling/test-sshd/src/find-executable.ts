import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finds an executable by name on PATH plus the sbin directories, which are
 * missing from PATH for non-root users on Debian but hold `sshd`.
 */
export function findExecutable(name: string): string | undefined {
  const searchPath = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  return findIn([...searchPath, '/usr/sbin', '/usr/local/sbin', '/sbin'], name);
}

/**
 * Finds an executable in the system's own bin directories, ignoring PATH:
 * for paths recorded outside this process (a login shell in /etc/passwd),
 * which must not point into a directory a test put on PATH for itself.
 */
export function findSystemExecutable(name: string): string | undefined {
  return findIn(['/usr/local/bin', '/usr/bin', '/bin'], name);
}

function findIn(directories: readonly string[], name: string): string | undefined {
  for (const directory of directories) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; keep looking.
    }
  }
  return undefined;
}
