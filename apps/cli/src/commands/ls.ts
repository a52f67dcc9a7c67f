// `ossh ls <dest>:<path>`: a remote directory listing over SFTP.
import { posix } from 'node:path';
import { Command, Option } from 'commander';
import type { SftpStats } from '@openssh-ts/sftp';
import type { CliContext } from '../cli-context.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { formatMode } from '../file-mode.js';
import { requireRemotePath } from '../remote-path.js';
import { reportError } from '../report-error.js';
import { withSftp } from '../with-sftp.js';

interface LsFlags extends ConnectionFlags {
  readonly long?: boolean;
  readonly json?: boolean;
}

interface Listed {
  readonly name: string;
  readonly stats: SftpStats;
}

function typeName(stats: SftpStats): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFile()) return 'file';
  if (stats.isSymbolicLink()) return 'symlink';
  return 'other';
}

/** One entry as `ls` prints it: a name (dirs get `/`), or with --long a full row. */
export function formatEntry(entry: Listed, long: boolean, json: boolean): string {
  const { stats } = entry;
  if (json) {
    return JSON.stringify({
      name: entry.name,
      type: typeName(stats),
      size: stats.size ?? null,
      mode: stats.mode ?? null,
      mtime: stats.mtime?.toISOString() ?? null,
    });
  }
  const name = stats.isDirectory() ? `${entry.name}/` : entry.name;
  if (!long) return name;
  const mode = stats.mode === undefined ? '?---------' : formatMode(stats.mode);
  const size = String(stats.size ?? '?').padStart(12);
  const mtime = stats.mtime?.toISOString().replace('T', ' ').slice(0, 16) ?? '????-??-?? ??:??';
  return `${mode} ${size} ${mtime} ${name}`;
}

async function list(context: CliContext, operand: string, flags: LsFlags): Promise<number> {
  const remote = requireRemotePath(operand, 'path');
  const entries = await withSftp(context, remote, flags, async (sftp): Promise<Listed[]> => {
    const stats = await sftp.stat(remote.path);
    if (!stats.isDirectory()) return [{ name: posix.basename(remote.path), stats }];
    const listed = await sftp.readdir(remote.path, { withFileTypes: true });
    return listed.map((entry) => ({ name: entry.name, stats: entry.stats }));
  });
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  const text = entries
    .map((entry) => `${formatEntry(entry, flags.long === true, flags.json === true)}\n`)
    .join('');
  context.terminal.stdout.write(text);
  return 0;
}

/** Registers `ls`. */
export function lsCommand(context: CliContext): Command {
  const command = new Command('ls')
    .description('list a remote directory over SFTP')
    .argument('<path>', 'destination:path, e.g. web-1:/var/log (web-1: is the login directory)')
    .addOption(new Option('--long', 'mode, size, modification time (UTC) and name'))
    .addOption(new Option('--json', 'one JSON object per entry (name, type, size, mode, mtime)'));
  return addConnectionOptions(command)
    .addHelpText(
      'after',
      `
Entries are sorted by name; directories end in "/". Hidden files are listed.

Examples:
  $ ossh ls web-1:
  $ ossh ls --long deploy@web-1:/srv/app/releases
  $ ossh ls --json web-1:/var/log | jq -r 'select(.size > 1e6) | .name'`,
    )
    .action(async (operand: string, flags: LsFlags) => {
      try {
        context.exitCode = await list(context, operand, flags);
      } catch (error) {
        context.exitCode = reportError(error, { action: `list ${operand}` }, (line) =>
          context.terminal.line(line),
        );
      }
    });
}
