import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { SSH_FXF_CREAT, SSH_FXF_EXCL, SSH_FXF_READ, SSH_FXF_WRITE } from './constants.js';
import { BatchedFileWriter } from './batched-file-writer.js';
import { appendSuffix, displayPath } from './path-bytes.js';
import { abortError, readPipeline } from './read-pipeline.js';
import type { RemoteRenamer } from './remote-rename.js';
import { hasErrorCode, SftpError, withPartial } from './sftp-error.js';
import type { TransferContext } from './transfer-settings.js';
import { WriteWindow } from './write-window.js';

/** Options of `fastGet` / `fastPut`. */
export interface FastTransferOptions {
  /** Requests in flight. Default: the instance's concurrency. */
  readonly concurrency?: number;
  /** Bytes per request (capped at the server's limits). */
  readonly blockSize?: number;
  /** Called after each block with bytes transferred so far and the total (the size at start). */
  readonly onProgress?: (transferred: number, total: number) => void;
  /** Aborts the transfer; the destination is left untouched. */
  readonly signal?: AbortSignal;
  /** Mode of the created file. Default: the source file's permission bits. */
  readonly mode?: number;
}

function temporarySuffix(): string {
  return `.ossh-partial-${randomBytes(6).toString('hex')}`;
}

function localError(error: unknown, path: string, operation: string): unknown {
  if (SftpError.isInstance(error)) return error;
  // Node's message names the file it was given ("EACCES: permission denied,
  // open '<file>'"); for the temporary file that is not a name the caller
  // knows, so only the reason before the comma is kept.
  const reason = (error as Error).message.split(', ')[0];
  return new SftpError('local-io', `${operation} '${path}': ${reason}`, {
    cause: error,
    path,
    operation,
  });
}

/**
 * Downloads a remote file to a local path with READs pipelined. The data goes
 * to a temporary file next to `localPath`, renamed over it only when every
 * byte arrived; on failure or abort the temporary file is removed and
 * `localPath` is untouched.
 */
export async function fastGet(
  context: TransferContext,
  remotePath: Uint8Array,
  displayRemote: string,
  localPath: string,
  options: FastTransferOptions,
): Promise<void> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortError(signal);
  const handle = await context.client.open(remotePath, SSH_FXF_READ, {});
  const temporary = `${localPath}${temporarySuffix()}`;
  let local: Awaited<ReturnType<typeof open>> | undefined;
  let transferred = 0;
  try {
    const attributes = await context.client.fstat(handle);
    const total = attributes.size ?? 0;
    const mode = options.mode ?? (attributes.permissions ?? 0o644) & 0o777;
    local = await open(temporary, 'wx', mode).catch((error: unknown) => {
      throw localError(error, localPath, 'open');
    });
    const writer = new BatchedFileWriter(local, (chunks, bytes) => {
      // The bytes are on disk and referenced nowhere else: recycle them.
      for (const chunk of chunks) context.client.engine.releaseReply(chunk);
      transferred += bytes;
      onProgress?.(transferred, total);
    });
    try {
      for await (const data of readPipeline(context.client, handle, {
        start: 0,
        sizeHint: total,
        blockSize: options.blockSize ?? context.readBlockSize,
        concurrency: options.concurrency ?? context.concurrency,
        ...(signal === undefined ? {} : { signal }),
      })) {
        await writer.add(data).catch((error: unknown) => {
          throw localError(error, localPath, 'write');
        });
      }
      await writer.finish().catch((error: unknown) => {
        throw localError(error, localPath, 'write');
      });
    } finally {
      await writer.settle();
    }
    if (signal?.aborted) throw abortError(signal);
    await local.close();
    local = undefined;
    await rename(temporary, localPath).catch((error: unknown) => {
      throw localError(error, localPath, 'rename');
    });
  } catch (error) {
    await local?.close().catch(() => undefined);
    const removed = await unlink(temporary).then(
      () => true,
      // ENOTDIR: the directory it would be in is not one, so it never was created.
      (reason: NodeJS.ErrnoException) => reason.code === 'ENOENT' || reason.code === 'ENOTDIR',
    );
    throw removed ? error : withPartial(error, temporary);
  } finally {
    // After an abort the server may be unresponsive; the caller must not
    // wait for it, so the remote close then runs in the background.
    const closing = context.client.close(handle).catch(() => undefined);
    if (!signal?.aborted) await closing;
  }
}

/**
 * Uploads a local file with WRITEs pipelined. The data goes to a temporary
 * remote name next to `remotePath`, renamed over it (POSIX rename when the
 * server offers it) only when every write was acknowledged; on failure or
 * abort the temporary file is removed.
 */
export async function fastPut(
  context: TransferContext,
  renamer: RemoteRenamer,
  localPath: string,
  remotePath: Uint8Array,
  options: FastTransferOptions,
): Promise<void> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortError(signal);
  const local = await open(localPath, 'r').catch((error: unknown) => {
    throw localError(error, localPath, 'open');
  });
  const temporary = appendSuffix(remotePath, temporarySuffix());
  let handle: Uint8Array | undefined;
  let window: WriteWindow | undefined;
  try {
    const localStats = await local.stat();
    const total = localStats.size;
    const mode = options.mode ?? localStats.mode & 0o777;
    handle = await context.client.open(temporary, SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_EXCL, {
      permissions: mode,
    });
    const blockSize = options.blockSize ?? context.writeBlockSize;
    window = new WriteWindow(
      context.client,
      handle,
      options.concurrency ?? context.concurrency,
      blockSize,
      signal,
    );
    // WRITEs carry these buffers themselves (no copy into packets), so each
    // is reused only once the server acknowledged every block cut from it.
    const readSize = blockSize * 4;
    const free: Uint8Array[] = [];
    let offset = 0;
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      const buffer = free.pop() ?? Buffer.allocUnsafeSlow(readSize);
      const { bytesRead } = await local
        .read(buffer, 0, readSize, offset)
        .catch((error: unknown) => {
          throw localError(error, localPath, 'read');
        });
      if (bytesRead === 0) break;
      await window.write(offset, buffer.subarray(0, bytesRead), () => free.push(buffer));
      offset += bytesRead;
      onProgress?.(window.acknowledged, total);
    }
    await window.flush();
    onProgress?.(window.acknowledged, total);
    const finished = handle;
    handle = undefined;
    await context.client.close(finished);
    if (signal?.aborted) throw abortError(signal);
    await renamer.replace(temporary, remotePath);
  } catch (error) {
    const open = handle;
    const inFlight = window;
    // The temporary file is removed once the writes in flight settled and
    // the handle is closed. After an abort that runs in the background, so
    // the rejection is prompt even when the server has gone quiet.
    const cleanup = (async () => {
      await inFlight?.settle();
      if (open !== undefined) await context.client.close(open).catch(() => undefined);
      // A lost connection fails the remove and leaves the file: the error must say so.
      return context.client.remove(temporary).then(
        () => true,
        (reason: unknown) => hasErrorCode(reason, 'no-such-file'),
      );
    })();
    if (signal?.aborted) throw error;
    if (!(await cleanup)) throw withPartial(error, displayPath(temporary));
    throw error;
  } finally {
    await local.close().catch(() => undefined);
  }
}
