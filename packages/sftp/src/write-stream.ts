import { Writable } from 'node:stream';
import type { OpenFlags } from './open-flags.js';
import type { ProtocolClient } from './protocol-client.js';
import { WriteWindow } from './write-window.js';

/** Options of `Sftp.createWriteStream`, as in `fs.createWriteStream`. */
export interface WriteStreamOptions {
  /** Open flags. Default `'w'`. */
  readonly flags?: OpenFlags;
  /** Mode of a newly created file. Default 0o666 (the server applies its umask). */
  readonly mode?: number;
  /** Offset of the first byte. Default 0. */
  readonly start?: number;
  /** Writes in flight. */
  readonly concurrency?: number;
  /** Bytes per WRITE request (capped at the server's max-write-length). */
  readonly blockSize?: number;
  /** Destroys the stream when aborted. */
  readonly signal?: AbortSignal;
}

/** @internal What the stream needs: an opener and the transfer settings. */
export interface WriteStreamTarget {
  readonly client: ProtocolClient;
  readonly open: () => Promise<Uint8Array>;
  readonly blockSize: number;
  readonly concurrency: number;
  readonly start: number;
}

/**
 * A Writable over a remote file. Keeps `concurrency` WRITEs in flight; a
 * chunk's callback fires once it is sent and the window has room, which is
 * the stream's backpressure. `finish` is emitted only after every write was
 * acknowledged and the handle closed; any server error destroys the stream
 * with that `SftpError`.
 */
export class SftpWriteStream extends Writable {
  private handle: Uint8Array | undefined;
  private window: WriteWindow | undefined;
  private offset: number;
  /** Bytes the server acknowledged so far. */
  get bytesWritten(): number {
    return this.window?.acknowledged ?? 0;
  }

  constructor(
    private readonly target: WriteStreamTarget,
    signal: AbortSignal | undefined,
  ) {
    super({ highWaterMark: target.blockSize, ...(signal === undefined ? {} : { signal }) });
    this.offset = target.start;
  }

  override _construct(callback: (error?: Error | null) => void): void {
    this.target.open().then(
      (handle) => {
        this.handle = handle;
        this.window = new WriteWindow(
          this.target.client,
          handle,
          this.target.concurrency,
          this.target.blockSize,
        );
        callback();
      },
      (error: Error) => callback(error),
    );
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    const offset = this.offset;
    this.offset += chunk.byteLength;
    this.window!.write(offset, chunk).then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  override _final(callback: (error?: Error | null) => void): void {
    const handle = this.handle!;
    this.window!.flush()
      .then(() => {
        this.handle = undefined;
        return this.target.client.close(handle);
      })
      .then(
        () => callback(),
        (error: Error) => callback(error),
      );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const handle = this.handle;
    this.handle = undefined;
    if (handle === undefined) {
      callback(error);
      return;
    }
    // Let writes in flight settle before closing, so the close is the last
    // request on this handle.
    const settled = this.window?.settle() ?? Promise.resolve();
    settled
      .then(() => this.target.client.close(handle))
      .catch(() => undefined)
      .finally(() => callback(error));
  }
}
