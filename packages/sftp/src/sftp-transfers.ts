// The `Sftp` layer that moves file contents: open handles, whole files,
// streams, server-side copies and the pipelined fastGet/fastPut.
import type { Readable } from 'node:stream';
import { fastGet, fastPut, type FastTransferOptions } from './fast-transfer.js';
import { SftpFileHandle } from './file-handle.js';
import { isAppend, type OpenFlags, toPflags } from './open-flags.js';
import { displayPath, type RemotePath } from './path-bytes.js';
import { createReadStream, type ReadStreamOptions } from './read-stream.js';
import { copyBetweenHandles } from './remote-copy.js';
import { remoteRenamer } from './remote-rename.js';
import { SftpDirectories } from './sftp-directories.js';
import { positiveInteger } from './transfer-settings.js';
import { SftpWriteStream, type WriteStreamOptions } from './write-stream.js';

/** {@link Sftp}'s content operations (open, readFile, streams, fastGet, ...). */
export abstract class SftpTransfers extends SftpDirectories {
  /** Opens a file; `flags` as in `fs.open` (or raw SFTP pflags). */
  async open(
    path: RemotePath,
    flags: OpenFlags | number = 'r',
    mode = 0o666,
  ): Promise<SftpFileHandle> {
    const pflags = toPflags(flags);
    const handle = await this.client.open(await this.path(path), pflags, {
      permissions: mode & 0o7777,
    });
    return new SftpFileHandle(this.context, handle, displayPath(path), isAppend(pflags));
  }

  /** Reads a whole file, pipelined. */
  async readFile(path: RemotePath): Promise<Buffer>;
  async readFile(path: RemotePath, options: { encoding: BufferEncoding }): Promise<string>;
  async readFile(
    path: RemotePath,
    options?: { encoding?: BufferEncoding },
  ): Promise<Buffer | string> {
    await using file = await this.open(path, 'r');
    const data = await file.readFile();
    return options?.encoding === undefined ? data : data.toString(options.encoding);
  }

  /** Writes a whole file (created or truncated unless `flag` says otherwise). */
  async writeFile(
    path: RemotePath,
    data: Uint8Array | string,
    options: { mode?: number; flag?: OpenFlags } = {},
  ): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await using file = await this.open(path, options.flag ?? 'w', options.mode ?? 0o666);
    await file.write(bytes, 0, bytes.byteLength, 0);
  }

  /** Appends to a file, creating it if needed. */
  appendFile(
    path: RemotePath,
    data: Uint8Array | string,
    options: { mode?: number } = {},
  ): Promise<void> {
    return this.writeFile(path, data, { ...options, flag: 'a' });
  }

  /**
   * Copies a file on the server: with `copy-data` the bytes never cross the
   * network; otherwise they are read and written back, pipelined.
   */
  async copy(
    from: RemotePath,
    to: RemotePath,
    options: { overwrite?: boolean } = {},
  ): Promise<void> {
    await using source = await this.open(from, 'r');
    const mode = ((await source.stat()).mode ?? 0o644) & 0o7777;
    await using target = await this.open(to, options.overwrite === false ? 'wx' : 'w', mode);
    await copyBetweenHandles(this.context, source.handle, target.handle);
  }

  /** A Readable over a remote file with read-ahead; `start`/`end` as in `fs` (end inclusive). */
  createReadStream(path: RemotePath, options: ReadStreamOptions = {}): Readable {
    return createReadStream(
      {
        client: this.client,
        open: async () => {
          const handle = await this.client.open(await this.path(path), toPflags('r'), {});
          const size = await this.client.fstat(handle).then(
            (attributes) => attributes.size,
            () => undefined,
          );
          return { handle, size };
        },
        blockSize: Math.min(options.blockSize ?? Infinity, this.context.readBlockSize),
        concurrency: options.concurrency ?? this.context.concurrency,
      },
      options,
    );
  }

  /** A Writable to a remote file, writes pipelined; `finish` means every byte is acknowledged. */
  createWriteStream(path: RemotePath, options: WriteStreamOptions = {}): SftpWriteStream {
    const pflags = toPflags(options.flags ?? 'w');
    const mode = (options.mode ?? 0o666) & 0o7777;
    return new SftpWriteStream(
      {
        client: this.client,
        open: async () => this.client.open(await this.path(path), pflags, { permissions: mode }),
        blockSize: Math.min(options.blockSize ?? Infinity, this.context.writeBlockSize),
        // Appends take the server's end-of-file offset: one at a time keeps order.
        concurrency: isAppend(pflags) ? 1 : (options.concurrency ?? this.context.concurrency),
        start: options.start ?? 0,
      },
      options.signal,
    );
  }

  /** Downloads to a local file; see {@link FastTransferOptions}. Never leaves a partial `localPath`. */
  async fastGet(
    remotePath: RemotePath,
    localPath: string,
    options: FastTransferOptions = {},
  ): Promise<void> {
    await fastGet(
      this.context,
      this.extras,
      await this.path(remotePath),
      displayPath(remotePath),
      localPath,
      { ...options, ...this.capBlockSize(options.blockSize, this.context.readBlockSize) },
    );
  }

  /** Uploads a local file; see {@link FastTransferOptions}. Replaces `remotePath` only when complete. */
  async fastPut(
    localPath: string,
    remotePath: RemotePath,
    options: FastTransferOptions = {},
  ): Promise<void> {
    await fastPut(
      this.context,
      this.extras,
      remoteRenamer(this.client),
      localPath,
      await this.path(remotePath),
      {
        ...options,
        ...this.capBlockSize(options.blockSize, this.context.writeBlockSize),
      },
    );
  }

  private capBlockSize(requested: number | undefined, limit: number): { blockSize?: number } {
    return requested === undefined
      ? {}
      : { blockSize: Math.min(positiveInteger(requested, limit, 'blockSize'), limit) };
  }
}
