// `ossh get <dest>:<remote> <local>` and `ossh put <local> <dest>:<remote>`,
// over SFTP, with a progress bar on a terminal; -r for directories.
import { mkdir, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { Command, Option } from 'commander';
import { type Sftp, SftpError } from '@openssh-ts/sftp';
import type { CliContext } from '../cli-context.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { requireRemotePath } from '../remote-path.js';
import { reportError } from '../report-error.js';
import { runTransfer } from '../run-transfer.js';
import {
  planDownloadTree,
  planUploadTree,
  singleFilePlan,
  type TransferPlan,
} from '../transfer-plan.js';
import { UsageError } from '../usage-error.js';
import { withSftp } from '../with-sftp.js';

interface TransferFlags extends ConnectionFlags {
  readonly recursive?: boolean;
}

async function localDirectoryExists(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

async function remoteDirectoryExists(sftp: Sftp, path: string): Promise<boolean> {
  try {
    return (await sftp.stat(path)).isDirectory();
  } catch (error) {
    if (SftpError.isInstance(error) && error.code === 'no-such-file') return false;
    throw error;
  }
}

function needsRecursive(path: string): UsageError {
  return new UsageError(`${path} is a directory`, 'add -r to copy it with everything in it');
}

async function download(
  context: CliContext,
  source: string,
  local: string,
  flags: TransferFlags,
): Promise<number> {
  const remote = requireRemotePath(source, 'source');
  const summary = await withSftp(context, remote, flags, async (sftp, signal) => {
    const stats = await sftp.stat(remote.path);
    const name = posix.basename(remote.path);
    const target = (await localDirectoryExists(local)) ? join(local, name) : local;
    let plan: TransferPlan;
    if (stats.isDirectory()) {
      if (flags.recursive !== true) throw needsRecursive(source);
      plan = await planDownloadTree(sftp, remote.path, target);
    } else {
      plan = singleFilePlan(remote.path, target, stats.size ?? 0);
    }
    return await runTransfer(plan, `${source} → ${target}`, context.terminal, {
      makeDirectory: async (path) => {
        await mkdir(path, { recursive: true });
      },
      copyFile: (file, onProgress) =>
        sftp.fastGet(file.source, file.target, { onProgress, signal }),
    });
  });
  context.terminal.line(`ossh: downloaded ${summary}`);
  return 0;
}

async function upload(
  context: CliContext,
  local: string,
  destination: string,
  flags: TransferFlags,
): Promise<number> {
  const remote = requireRemotePath(destination, 'target');
  const localStats = await stat(local).catch((error: unknown) => {
    throw new UsageError(`cannot read ${local}: ${(error as Error).message}`);
  });
  if (localStats.isDirectory() && flags.recursive !== true) throw needsRecursive(local);
  const summary = await withSftp(context, remote, flags, async (sftp, signal) => {
    const target = (await remoteDirectoryExists(sftp, remote.path))
      ? posix.join(remote.path, basename(local))
      : remote.path;
    const plan = localStats.isDirectory()
      ? await planUploadTree(local, target)
      : singleFilePlan(local, target, localStats.size);
    return await runTransfer(plan, `${local} → ${remote.destination}:${target}`, context.terminal, {
      makeDirectory: (path) => sftp.mkdir(path, { recursive: true }),
      copyFile: (file, onProgress) =>
        sftp.fastPut(file.source, file.target, { onProgress, signal }),
    });
  });
  context.terminal.line(`ossh: uploaded ${summary}`);
  return 0;
}

function transferCommand(name: 'get' | 'put'): Command {
  const command = new Command(name).addOption(
    new Option('-r, --recursive', 'copy directories and everything in them'),
  );
  return addConnectionOptions(command);
}

/** Registers `get`. */
export function getCommand(context: CliContext): Command {
  return transferCommand('get')
    .description('download a file (or with -r a directory) over SFTP, with progress')
    .argument('<source>', 'remote path as destination:path, e.g. web-1:/var/log/syslog')
    .argument('<local>', 'local file or existing directory to download into')
    .addHelpText(
      'after',
      `
A progress bar (bytes, rate, ETA) is drawn on a terminal; otherwise a plain
line every 10%. A download never leaves a partial file behind.

Examples:
  $ ossh get web-1:/var/log/syslog .
  $ ossh get deploy@web-1:releases/app.tar.gz /tmp/app.tar.gz
  $ ossh get -r -p 2222 web-1:/etc/nginx ./nginx-backup`,
    )
    .action(async (source: string, local: string, flags: TransferFlags) => {
      try {
        context.exitCode = await download(context, source, local, flags);
      } catch (error) {
        context.exitCode = reportError(error, { action: `download ${source}` }, (line) =>
          context.terminal.line(line),
        );
      }
    });
}

/** Registers `put`. */
export function putCommand(context: CliContext): Command {
  return transferCommand('put')
    .description('upload a file (or with -r a directory) over SFTP, with progress')
    .argument('<local>', 'local file or directory')
    .argument(
      '<target>',
      'remote path as destination:path; an existing directory receives the file',
    )
    .addHelpText(
      'after',
      `
The remote file is replaced only once the upload is complete.

Examples:
  $ ossh put build.tar.gz web-1:/tmp/
  $ ossh put -r ./dist deploy@web-1:/srv/app/releases/42
  $ ossh put --transport process notes.txt web-1:`,
    )
    .action(async (local: string, target: string, flags: TransferFlags) => {
      try {
        context.exitCode = await upload(context, local, target, flags);
      } catch (error) {
        context.exitCode = reportError(error, { action: `upload ${local}` }, (line) =>
          context.terminal.line(line),
        );
      }
    });
}
