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
  /**
   * Opens a file: SSH_FXP_OPEN (draft-ietf-secsh-filexfer-02 §6.3).
   * `flags` as in `fs.open` (default `'r'`), or raw `SSH_FXF_*` pflags
   * (0..0x3f); anything else is `invalid-argument`. `mode & 0o7777` is the
   * mode of a file it creates (default 0o666; the server applies its
   * umask). Rejects with `no-such-file`, `permission-denied`, or `failure`
   * (e.g. `'wx'` on an existing file: OpenSSH reports EEXIST so).
   */
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

  /**
   * Reads a whole file: SSH_FXP_OPEN, SSH_FXP_FSTAT for its size, READs
   * pipelined ({@link Sftp.transferSettings}) to end of file, SSH_FXP_CLOSE.
   * With `encoding`, the bytes are decoded as Node's `Buffer.toString` does.
   */
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

  /**
   * Writes a whole file from offset 0, pipelined: SSH_FXP_OPEN with `flag`
   * (default `'w'`: created or truncated), WRITEs, SSH_FXP_CLOSE. A string
   * is written as UTF-8; `mode` (default 0o666, less the server's umask)
   * applies only to a file it creates.
   */
  async writeFile(
    path: RemotePath,
    data: Uint8Array | string,
    options: { mode?: number; flag?: OpenFlags } = {},
  ): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await using file = await this.open(path, options.flag ?? 'w', options.mode ?? 0o666);
    await file.write(bytes, 0, bytes.byteLength, 0);
  }

  /**
   * Appends to a file, creating it if needed: {@link Sftp.writeFile} with
   * flag `'a'` (SSH_FXF_APPEND, so the server puts the data at its end of
   * file; the WRITEs then go one at a time to keep their order).
   */
  appendFile(
    path: RemotePath,
    data: Uint8Array | string,
    options: { mode?: number } = {},
  ): Promise<void> {
    return this.writeFile(path, data, { ...options, flag: 'a' });
  }

  /**
   * Copies a file on the server: with `copy-data` (OpenSSH PROTOCOL §4.10)
   * the bytes never cross the network; otherwise they are read and written
   * back, pipelined. The copy gets the source's permission bits (0o644 when
   * the server sends none). `overwrite` defaults to true; false opens the
   * target with `'wx'`, so an existing one rejects with `failure`.
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

  /**
   * A Readable over a remote file with read-ahead; `start`/`end` as in `fs`
   * (end inclusive). The file is opened on the first read and closed on
   * end, error or destroy; server errors (e.g. `no-such-file`) arrive as
   * the stream's `'error'`. A negative or fractional `start`/`end` throws
   * `invalid-argument` at once.
   */
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

  /**
   * A Writable to a remote file, writes pipelined; `'finish'` means every
   * byte is acknowledged and the handle closed. The file is opened with
   * `flags` (default `'w'`) when the stream is constructed; see
   * {@link SftpWriteStream}.
   */
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

  /**
   * Downloads a remote file to `localPath` with READs pipelined: SSH_FXP_OPEN,
   * SSH_FXP_FSTAT (its size is the progress total), READs until end of file,
   * SSH_FXP_CLOSE. A file of {@link PARALLEL_MIN_BYTES} (8 MiB) or more is
   * spread over the extra sessions of `channels`. The bytes go to a
   * temporary file beside `localPath` (`<localPath>.ossh-partial-<random>`),
   * renamed over it only when every byte is on disk; on failure or abort
   * that file is removed and `localPath` is untouched. Options: see
   * {@link FastTransferOptions}.
   *
   * Rejects with the server's code for the remote file (`no-such-file`,
   * `permission-denied`, ...); `local-io` when a local open, write or rename
   * fails (`cause` is Node's error); `aborted` when `options.signal` fires;
   * `connection-lost` when the session dies; `invalid-argument` for a bad
   * `blockSize`. When the temporary file could not be removed, the error's
   * `partial` names it.
   *
   * @example
   * ```ts
   * // `sftp` from Sftp.connect(session). Nothing is written to ./db.dump
   * // until the whole file has arrived.
   * await sftp.fastGet('/var/backups/db.dump', './db.dump', {
   *   onProgress: (done, total) => console.log(`${done} / ${total} bytes`),
   *   signal: AbortSignal.timeout(10 * 60_000), // then rejects with code 'aborted'
   * });
   * ```
   */
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

  /**
   * Uploads a local file with WRITEs pipelined. The bytes go to a temporary
   * name beside `remotePath` (`<remotePath>.ossh-partial-<random>`, opened
   * with SSH_FXF_CREAT | SSH_FXF_EXCL), which is renamed over `remotePath`
   * only once every WRITE was acknowledged and the handle closed:
   * atomically with `posix-rename@openssh.com`, else by SSH_FXP_RENAME
   * after removing an existing target (a moment without it). On failure or
   * abort the temporary file is removed and `remotePath` is untouched. A
   * file of {@link PARALLEL_MIN_BYTES} (8 MiB) or more is spread over the
   * extra sessions of `channels`. Options: see {@link FastTransferOptions}.
   *
   * Rejects with `local-io` when the local file cannot be opened or read;
   * the server's code when the temporary file cannot be created
   * (`no-such-file` for a missing directory, `permission-denied`), written
   * or renamed; `aborted` when `options.signal` fires; `connection-lost`
   * when the session dies; `invalid-argument` for a bad `blockSize`. When
   * the temporary file could not be removed (the connection was gone), the
   * error's `partial` names it.
   *
   * @example
   * ```ts
   * // `sftp` from Sftp.connect(session). `~` is the login user's home.
   * await sftp.mkdir('~/releases/42', { recursive: true });
   * await sftp.fastPut('./build.tar.gz', '~/releases/42/build.tar.gz', { mode: 0o640 });
   * console.log((await sftp.stat('~/releases/42/build.tar.gz')).size); // the local file's size
   * ```
   */
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
