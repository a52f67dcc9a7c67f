import type { FileAttributes } from './attributes.js';
import { EXTENSION_FSYNC } from './constants.js';
import { readPipeline } from './read-pipeline.js';
import { SftpError } from './sftp-error.js';
import { SftpStats } from './stats.js';
import type { StatVfs } from './statvfs.js';
import { toAttributeTimes, type TimeLike } from './time-like.js';
import type { TransferContext } from './transfer-settings.js';
import { WriteWindow } from './write-window.js';

/** The result of {@link SftpFileHandle.read}, as `fs/promises` returns it. */
export interface ReadResult<TBuffer extends Uint8Array> {
  /** Bytes placed in `buffer`; less than asked for only at end of file (0 there). */
  readonly bytesRead: number;
  /** The buffer passed in, filled from its `offset`. */
  readonly buffer: TBuffer;
}

/** The result of {@link SftpFileHandle.write}. */
export interface WriteResult<TBuffer extends Uint8Array> {
  /** Bytes written and acknowledged: always the `length` asked for (a failure rejects instead). */
  readonly bytesWritten: number;
  /** The buffer passed in. */
  readonly buffer: TBuffer;
}

/**
 * An open remote file, shaped like `fs/promises` FileHandle. Large reads and
 * writes are split into blocks the server accepts and pipelined. A position
 * of `null` (the default) reads or writes at the handle's own position and
 * advances it. Dispose it (`await using`) or call `close()`.
 */
export class SftpFileHandle implements AsyncDisposable {
  private position = 0;
  private closing: Promise<void> | undefined;

  /** @internal Created by `Sftp.open`. */
  constructor(
    private readonly context: TransferContext,
    /** The server's opaque handle. */
    readonly handle: Uint8Array,
    /** The path it was opened with, for messages. */
    readonly path: string,
    /**
     * Opened in append mode: the server picks each write's offset, so writes
     * go one at a time to keep their order whatever the server's scheduling.
     */
    private readonly append = false,
  ) {}

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  private live(operation: string): void {
    if (this.closing) {
      throw new SftpError('closed', `${operation} on a closed file handle`, {
        path: this.path,
        operation,
      });
    }
  }

  private checkRange(
    operation: string,
    bytes: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
  ): void {
    // NaN and fractions would otherwise slip past the comparisons and act as 0.
    const whole = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;
    if (!whole(offset) || !whole(length) || offset + length > bytes.byteLength) {
      throw new SftpError(
        'invalid-argument',
        `${operation} range outside the buffer (offset ${offset}, length ${length})`,
        { path: this.path },
      );
    }
    if (position !== null && !whole(position)) {
      throw new SftpError(
        'invalid-argument',
        `${operation} position must be a non-negative integer, got ${position}`,
        { path: this.path },
      );
    }
  }

  /**
   * Reads up to `length` bytes into `buffer` at `offset`; fewer only at end
   * of file. SSH_FXP_READ (draft-ietf-secsh-filexfer-02 §6.4), several in
   * flight when `length` exceeds one block; a short reply is continued
   * where it stopped. `offset`, `length` and `position` must be
   * non-negative integers with the range inside `buffer`, else
   * `invalid-argument`; after `close()`, `closed`.
   */
  async read<TBuffer extends Uint8Array>(
    buffer: TBuffer,
    offset = 0,
    length = buffer.byteLength - offset,
    position: number | null = null,
  ): Promise<ReadResult<TBuffer>> {
    this.live('read');
    this.checkRange('read', buffer, offset, length, position);
    const start = position ?? this.position;
    let bytesRead = 0;
    for await (const data of readPipeline(this.context.client, this.handle, {
      start,
      end: start + length,
      blockSize: this.context.readBlockSize,
      concurrency: this.context.concurrency,
    })) {
      buffer.set(data, offset + bytesRead);
      bytesRead += data.byteLength;
    }
    if (position === null) this.position = start + bytesRead;
    return { bytesRead, buffer };
  }

  /**
   * Reads from the current position to end of file (SSH_FXP_FSTAT for the
   * size, then pipelined READs) and advances the position.
   */
  async readFile(): Promise<Buffer> {
    this.live('readFile');
    const size = (await this.context.client.fstat(this.handle)).size;
    const chunks: Uint8Array[] = [];
    for await (const data of readPipeline(this.context.client, this.handle, {
      start: this.position,
      blockSize: this.context.readBlockSize,
      concurrency: this.context.concurrency,
      ...(size === undefined ? {} : { sizeHint: size }),
    })) {
      chunks.push(data);
      this.position += data.byteLength;
    }
    return Buffer.concat(chunks);
  }

  /**
   * Writes `length` bytes of `data` from `offset`; resolves once the server
   * acknowledged all of them. SSH_FXP_WRITE (draft §6.4), several in flight
   * when `length` exceeds one block. In append mode the server ignores
   * `position` and the WRITEs go one at a time. Ranges are checked as for
   * {@link SftpFileHandle.read} (`invalid-argument`).
   */
  async write<TBuffer extends Uint8Array>(
    data: TBuffer,
    offset = 0,
    length = data.byteLength - offset,
    position: number | null = null,
  ): Promise<WriteResult<TBuffer>> {
    this.live('write');
    this.checkRange('write', data, offset, length, position);
    const start = position ?? this.position;
    const window = new WriteWindow(
      this.context.client,
      this.handle,
      this.append ? 1 : this.context.concurrency,
      this.context.writeBlockSize,
    );
    try {
      await window.write(start, data.subarray(offset, offset + length));
    } finally {
      await window.settle();
    }
    await window.flush();
    if (position === null) this.position = start + length;
    return { bytesWritten: length, buffer: data };
  }

  /**
   * The open file's attributes: SSH_FXP_FSTAT (draft §6.8). Rejects with
   * `closed` after `close()`.
   */
  async stat(): Promise<SftpStats> {
    this.live('stat');
    return new SftpStats(await this.context.client.fstat(this.handle));
  }

  /**
   * Sets any of size, owner, mode and times of the open file:
   * SSH_FXP_FSETSTAT (draft §6.9). Fields left out are not changed; pairs
   * (`uid`/`gid`, `atime`/`mtime`) must be complete and values fit a uint32,
   * else `invalid-argument`.
   */
  async setStat(attributes: FileAttributes): Promise<void> {
    this.live('setStat');
    await this.context.client.fsetstat(this.handle, attributes);
  }

  /**
   * Sets the file's size in bytes (default 0), cutting or zero-extending it
   * as `ftruncate(2)`: an SSH_FXP_FSETSTAT of `size`. A negative or
   * fractional length rejects with `invalid-argument`. The position is not
   * moved.
   */
  truncate(length = 0): Promise<void> {
    return this.setStat({ size: length });
  }

  /**
   * Sets the permission bits: an SSH_FXP_FSETSTAT of `mode & 0o7777`
   * (file type bits are dropped).
   */
  chmod(mode: number): Promise<void> {
    return this.setStat({ permissions: mode & 0o7777 });
  }

  /**
   * Sets the numeric owner and group: an SSH_FXP_FSETSTAT of both, each an
   * integer in 0..2^32-1 (else `invalid-argument`).
   */
  chown(uid: number, gid: number): Promise<void> {
    return this.setStat({ uid, gid });
  }

  /**
   * Sets access and modification times: an SSH_FXP_FSETSTAT of both, in
   * whole seconds since the epoch (uint32, 1970 to 2106; fractions are
   * dropped). A time outside that range throws `invalid-argument` before
   * any request is sent.
   */
  utimes(atime: TimeLike, mtime: TimeLike): Promise<void> {
    return this.setStat(toAttributeTimes(atime, mtime));
  }

  /**
   * Flushes the file to stable storage on the server: `fsync@openssh.com`
   * (OpenSSH PROTOCOL §4.6); `unsupported` when the server does not offer it.
   */
  async sync(): Promise<void> {
    this.live('sync');
    if (!this.context.client.has(EXTENSION_FSYNC)) {
      throw new SftpError('unsupported', `the SFTP server does not support ${EXTENSION_FSYNC}`, {
        path: this.path,
        operation: 'sync',
      });
    }
    await this.context.client.fsync(this.handle);
  }

  /**
   * Statistics of the file system holding the file: `fstatvfs@openssh.com`
   * (OpenSSH PROTOCOL §4.4); `unsupported` when the server does not offer it.
   */
  async statvfs(): Promise<StatVfs> {
    this.live('statvfs');
    return this.context.client.fstatvfs(this.handle);
  }

  /**
   * Closes the handle: SSH_FXP_CLOSE (draft §6.3). Later calls return the
   * same promise; other methods then reject with `closed`.
   */
  close(): Promise<void> {
    this.closing ??= this.context.client.close(this.handle);
    return this.closing;
  }

  /** `await using` support: the same as {@link SftpFileHandle.close}. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
