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
  /**
   * WRITEs in flight. Default: the instance's `concurrency` (64 unless set
   * at connect); always 1 with an append flag, to keep the order.
   */
  readonly concurrency?: number;
  /**
   * Bytes per WRITE request, also the stream's `highWaterMark`. Capped at
   * (and by default) the instance's `writeBlockSize`.
   */
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

  /**
   * Node's construction hook (called by `Writable`, not by you): opens the
   * file with SSH_FXP_OPEN (draft-ietf-secsh-filexfer-02 §6.3) before the
   * first write. A failure (e.g. `no-such-file`) destroys the stream with
   * that `SftpError`.
   */
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

  /**
   * Node's write hook: sends `chunk` as SSH_FXP_WRITEs (draft §6.4) at the
   * next offset and calls back once they are sent and the window has room.
   * A WRITE the server refused fails this or a later write, destroying the
   * stream with the server's `SftpError`.
   */
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

  /**
   * Node's end hook: waits for every WRITE's acknowledgement, then closes
   * the handle (SSH_FXP_CLOSE, draft §6.3); only then is `'finish'`
   * emitted.
   */
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

  /**
   * Node's destroy hook: lets the WRITEs in flight settle, then closes the
   * handle (its errors ignored) and passes `error` on.
   */
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
