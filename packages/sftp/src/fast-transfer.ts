import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { SSH_FXF_CREAT, SSH_FXF_EXCL, SSH_FXF_READ, SSH_FXF_WRITE } from './constants.js';
import { BatchedFileWriter } from './batched-file-writer.js';
import { appendSuffix, displayPath } from './path-bytes.js';
import { PARALLEL_MIN_BYTES, stripeOverChannels, type ExtraContexts } from './parallel-transfer.js';
import type { ProtocolClient } from './protocol-client.js';
import { abortError, readBlocks, readPipeline } from './read-pipeline.js';
import type { RemoteRenamer } from './remote-rename.js';
import { hasErrorCode, SftpError, withPartial } from './sftp-error.js';
import type { TransferContext } from './transfer-settings.js';
import { WriteWindow } from './write-window.js';

export { PARALLEL_MIN_BYTES };

/** Options of `Sftp.fastGet` / `Sftp.fastPut`. */
export interface FastTransferOptions {
  /**
   * Requests in flight for this transfer, shared between its sessions when
   * it is spread over several. Default: the instance's `concurrency` (64
   * unless set at connect).
   */
  readonly concurrency?: number;
  /**
   * Bytes per READ (fastGet) or WRITE (fastPut) request: a positive
   * integer, else `invalid-argument`; capped at the instance's
   * `readBlockSize` / `writeBlockSize` (see `Sftp.transferSettings`), which
   * is also the default.
   */
  readonly blockSize?: number;
  /**
   * Called as the transfer advances with the bytes done so far and the
   * total, both in bytes. The total is the source's size when the transfer
   * started (the remote fstat's, 0 when the server sent none; the local
   * file's for fastPut). fastGet counts bytes written to the local file,
   * fastPut bytes the server acknowledged; the last call has the final count.
   */
  readonly onProgress?: (transferred: number, total: number) => void;
  /**
   * Aborts the transfer: it rejects with `aborted` promptly, even when the
   * server has gone quiet (the remote clean-up — closing the handle, and
   * for fastPut removing the temporary file — finishes in the background),
   * and the destination is left untouched.
   */
  readonly signal?: AbortSignal;
  /**
   * Permission bits of the file created. Default: the source's permission
   * bits (`& 0o777`; 0o644 when the server sent no mode for fastGet). The
   * creating side's umask applies (the local process's for fastGet, the
   * server's for fastPut).
   */
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
 *
 * With `extras`, a file of {@link PARALLEL_MIN_BYTES} or more is read over
 * several channels at once: each channel opens the file itself (joining only
 * if size and mtime match what the first channel saw) and claims blocks from
 * one shared cursor, writing them at their offsets. The requests in flight
 * are shared out, so memory stays what one channel would use.
 */
export async function fastGet(
  context: TransferContext,
  extras: ExtraContexts,
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
    const file = await open(temporary, 'wx', mode).catch((error: unknown) => {
      throw localError(error, localPath, 'open');
    });
    local = file;
    const blockSize = options.blockSize ?? context.readBlockSize;
    const concurrency = options.concurrency ?? context.concurrency;
    const writerFor = (client: ProtocolClient, start = 0): BatchedFileWriter =>
      new BatchedFileWriter(
        file,
        (chunks, bytes) => {
          // The bytes are on disk and referenced nowhere else: recycle them.
          for (const chunk of chunks) client.engine.releaseReply(chunk);
          transferred += bytes;
          onProgress?.(transferred, total);
        },
        start,
      );
    const { tail, end } = await stripeOverChannels(
      context,
      extras,
      total,
      blockSize,
      concurrency,
      signal,
      async (channel, main, channelSignal, { cursor, concurrency: perChannel }) => {
        const own = main ? handle : await sameFile(channel.client, remotePath, attributes);
        if (own === undefined) return;
        try {
          const writer = writerFor(channel.client);
          try {
            for await (const block of readBlocks(
              channel.client,
              own,
              { cursor },
              { concurrency: perChannel, signal: channelSignal },
            )) {
              // The file shrank: nothing at or past here exists any more.
              if (block.data === null) cursor.stopAt(block.offset);
              else await writer.addAt(block.offset, block.data).catch(writeFailure(localPath));
            }
            await writer.finish().catch(writeFailure(localPath));
          } finally {
            await writer.settle();
          }
        } finally {
          if (!main) void channel.client.close(own).catch(() => undefined);
        }
      },
    );
    // A channel met the end of a file that shrank: nothing past it exists.
    if (tail === undefined) await file.truncate(end).catch(writeFailure(localPath));
    // The whole file on one channel, or what it grew by since the fstat.
    if (tail !== undefined) {
      const writer = writerFor(context.client, tail);
      try {
        for await (const data of readPipeline(context.client, handle, {
          start: tail,
          sizeHint: total,
          blockSize,
          concurrency,
          ...(signal === undefined ? {} : { signal }),
        })) {
          await writer.add(data).catch(writeFailure(localPath));
        }
        await writer.finish().catch(writeFailure(localPath));
      } finally {
        await writer.settle();
      }
    }
    if (signal?.aborted) throw abortError(signal);
    local = undefined;
    await file.close();
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

function writeFailure(localPath: string): (error: unknown) => never {
  return (error: unknown) => {
    throw localError(error, localPath, 'write');
  };
}

/**
 * The file opened again on another channel, or undefined when what that
 * path names now is not the file the transfer started with (replaced or
 * changed in between): that channel then stays out rather than mix two files.
 */
async function sameFile(
  client: ProtocolClient,
  remotePath: Uint8Array,
  expected: { readonly size?: number; readonly mtime?: number },
): Promise<Uint8Array | undefined> {
  const handle = await client.open(remotePath, SSH_FXF_READ, {});
  const found = await client.fstat(handle).catch(async (error: unknown) => {
    await client.close(handle).catch(() => undefined);
    throw error;
  });
  if (found.size === expected.size && found.mtime === expected.mtime) return handle;
  await client.close(handle).catch(() => undefined);
  return undefined;
}

/**
 * Uploads a local file with WRITEs pipelined. The data goes to a temporary
 * remote name next to `remotePath`, renamed over it (POSIX rename when the
 * server offers it) only when every write was acknowledged; on failure or
 * abort the temporary file is removed.
 *
 * With `extras`, a file of {@link PARALLEL_MIN_BYTES} or more is written
 * over several channels at once, each with its own handle on the temporary
 * file (created by the main channel first) and its own share of the
 * requests in flight; the rename waits for every channel's acknowledgements.
 */
export async function fastPut(
  context: TransferContext,
  extras: ExtraContexts,
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
  const windows: WriteWindow[] = [];
  // Every channel that may still reach the server, for removing the
  // temporary file when one of them (maybe the main one) died.
  const clients: ProtocolClient[] = [context.client];
  try {
    const localStats = await local.stat();
    const total = localStats.size;
    const mode = options.mode ?? localStats.mode & 0o777;
    const created = await context.client.open(
      temporary,
      SSH_FXF_WRITE | SSH_FXF_CREAT | SSH_FXF_EXCL,
      { permissions: mode },
    );
    handle = created;
    const blockSize = options.blockSize ?? context.writeBlockSize;
    const concurrency = options.concurrency ?? context.concurrency;
    // WRITEs carry these buffers themselves (no copy into packets), so each
    // is reused only once the server acknowledged every block cut from it.
    const readSize = blockSize * 4;
    const acknowledged = (): number =>
      windows.reduce((sum, window) => sum + window.acknowledged, 0);
    const windowOn = (client: ProtocolClient, own: Uint8Array, depth: number, on?: AbortSignal) => {
      const window = new WriteWindow(client, own, depth, blockSize, on);
      windows.push(window);
      return window;
    };
    const send = async (
      window: WriteWindow,
      free: Uint8Array[],
      offset: number,
      length: number,
      on: AbortSignal | undefined,
    ): Promise<number> => {
      if (on?.aborted) throw abortError(on);
      const buffer = free.pop() ?? Buffer.allocUnsafeSlow(readSize);
      const { bytesRead } = await local.read(buffer, 0, length, offset).catch((error: unknown) => {
        throw localError(error, localPath, 'read');
      });
      if (bytesRead > 0) {
        await window.write(offset, buffer.subarray(0, bytesRead), () => free.push(buffer));
        onProgress?.(acknowledged(), total);
      } else free.push(buffer);
      return bytesRead;
    };
    const mainFree: Uint8Array[] = [];
    let mainWindow: WriteWindow | undefined;
    const { tail } = await stripeOverChannels(
      context,
      extras,
      total,
      readSize,
      concurrency,
      signal,
      async (channel, main, channelSignal, { cursor, concurrency: perChannel }) => {
        if (!main) clients.push(channel.client);
        // Not created: the main channel made it, and no other file may take its name.
        const own = main ? created : await channel.client.open(temporary, SSH_FXF_WRITE, {});
        const window = windowOn(channel.client, own, perChannel, channelSignal);
        if (main) mainWindow = window;
        const free = main ? mainFree : [];
        try {
          for (let stripe = cursor.next(); stripe !== undefined; stripe = cursor.next()) {
            const read = await send(window, free, stripe.offset, stripe.length, channelSignal);
            // The local file shrank: nothing at or past here exists any more.
            if (read < stripe.length) cursor.stopAt(stripe.offset + read);
          }
          await window.flush();
        } finally {
          if (!main) {
            await window.settle();
            await channel.client.close(own).catch(() => undefined);
          }
        }
      },
    );
    // The whole file on one channel, or what it grew by since the stat.
    if (tail !== undefined) {
      const window = mainWindow ?? windowOn(context.client, created, concurrency, signal);
      for (let offset = tail; ;) {
        const read = await send(window, mainFree, offset, readSize, signal);
        if (read === 0) break;
        offset += read;
      }
    }
    await Promise.all(windows.map((window) => window.flush()));
    onProgress?.(acknowledged(), total);
    handle = undefined;
    await context.client.close(created);
    if (signal?.aborted) throw abortError(signal);
    await renamer.replace(temporary, remotePath);
  } catch (error) {
    const open = handle;
    // The temporary file is removed once the writes in flight settled and
    // the handle is closed. After an abort that runs in the background, so
    // the rejection is prompt even when the server has gone quiet.
    const cleanup = (async () => {
      await Promise.all(windows.map((window) => window.settle()));
      if (open !== undefined) await context.client.close(open).catch(() => undefined);
      // A lost connection fails the remove and leaves the file: the error must say so.
      return removeThroughAny(clients, temporary);
    })();
    if (signal?.aborted) throw error;
    if (!(await cleanup)) throw withPartial(error, displayPath(temporary));
    throw error;
  } finally {
    await local.close().catch(() => undefined);
  }
}

/** Removes `path` through the first channel that can; false when none could. */
async function removeThroughAny(
  clients: readonly ProtocolClient[],
  path: Uint8Array,
): Promise<boolean> {
  for (const client of clients) {
    if (client.engine.error !== undefined) continue;
    const removed = await client.remove(path).then(
      () => true,
      (reason: unknown) => hasErrorCode(reason, 'no-such-file'),
    );
    if (removed) return true;
  }
  return false;
}
