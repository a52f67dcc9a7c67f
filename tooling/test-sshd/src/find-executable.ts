import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finds an executable by name on PATH plus the sbin directories, which are
 * missing from PATH for non-root users on Debian but hold `sshd`.
 */
export function findExecutable(name: string): string | undefined {
  const searchPath = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  for (const directory of [...searchPath, '/usr/sbin', '/usr/local/sbin', '/sbin']) {
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
