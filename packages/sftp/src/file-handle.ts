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
  readonly bytesRead: number;
  readonly buffer: TBuffer;
}

/** The result of {@link SftpFileHandle.write}. */
export interface WriteResult<TBuffer extends Uint8Array> {
  readonly bytesWritten: number;
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
   * of file. Several READs are in flight when `length` exceeds one block.
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

  /** Reads from the current position to end of file. */
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
   * acknowledged all of them. In append mode the server ignores `position`.
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

  async stat(): Promise<SftpStats> {
    this.live('stat');
    return new SftpStats(await this.context.client.fstat(this.handle));
  }

  /** Sets any of size, owner, mode and times (SSH_FXP_FSETSTAT). */
  async setStat(attributes: FileAttributes): Promise<void> {
    this.live('setStat');
    await this.context.client.fsetstat(this.handle, attributes);
  }

  truncate(length = 0): Promise<void> {
    return this.setStat({ size: length });
  }

  chmod(mode: number): Promise<void> {
    return this.setStat({ permissions: mode & 0o7777 });
  }

  chown(uid: number, gid: number): Promise<void> {
    return this.setStat({ uid, gid });
  }

  utimes(atime: TimeLike, mtime: TimeLike): Promise<void> {
    return this.setStat(toAttributeTimes(atime, mtime));
  }

  /** Flushes the file to stable storage (`fsync@openssh.com`; `unsupported` without it). */
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

  /** File system statistics of the file's file system (`fstatvfs@openssh.com`). */
  async statvfs(): Promise<StatVfs> {
    this.live('statvfs');
    return this.context.client.fstatvfs(this.handle);
  }

  /** Closes the handle; later calls return the same promise. */
  close(): Promise<void> {
    this.closing ??= this.context.client.close(this.handle);
    return this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
