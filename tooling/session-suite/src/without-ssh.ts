// Runs a test file as if OpenSSH's client were not installed: PATH is
// replaced by one directory holding every program of the old PATH except
// `ssh`, and `sshPath` names a file that does not exist. A transport that
// passes its suite like this needs no `ssh` binary.
import { mkdtempSync, readdirSync, rmSync, symlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** What {@link hideSsh} did, to pass on and to undo. */
export interface HiddenSsh {
  /** An `sshPath` that points nowhere. */
  readonly sshPath: string;
  /** The directory now on PATH. */
  readonly directory: string;
  /** Puts PATH back and removes the directory. */
  restore(): void;
}

/** Makes `ssh` unreachable for this process and its children (see the file comment). */
export function hideSsh(): HiddenSsh {
  const previous = process.env['PATH'] ?? '';
  const directory = mkdtempSync(join(tmpdir(), 'ost-nossh-'));
  for (const entry of previous.split(delimiter)) {
    let names: string[];
    try {
      names = readdirSync(entry);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === 'ssh') continue;
      const source = join(entry, name);
      try {
        if (!statSync(source).isFile()) continue;
        symlinkSync(source, join(directory, name));
      } catch {
        // An earlier PATH entry already provided this name, as the shell would pick.
      }
    }
  }
  process.env['PATH'] = directory;
  return {
    sshPath: join(directory, 'ssh-is-not-installed'),
    directory,
    restore: () => {
      process.env['PATH'] = previous;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
