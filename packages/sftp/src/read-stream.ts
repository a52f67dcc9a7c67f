import { Readable } from 'node:stream';
import type { ProtocolClient } from './protocol-client.js';
import { readPipeline } from './read-pipeline.js';
import { SftpError } from './sftp-error.js';

/** Options of `Sftp.createReadStream`, as in `fs.createReadStream`. */
export interface ReadStreamOptions {
  /** First byte to read. Default 0. */
  readonly start?: number;
  /** Last byte to read, inclusive (as in `fs`). Default: end of file. */
  readonly end?: number;
  /**
   * READs in flight (read-ahead). Default: the instance's `concurrency`
   * (64 unless set at connect).
   */
  readonly concurrency?: number;
  /**
   * Bytes per READ request, also the stream's `highWaterMark`. Capped at
   * (and by default) the instance's `readBlockSize`.
   */
  readonly blockSize?: number;
  /** Destroys the stream when aborted. */
  readonly signal?: AbortSignal;
}

/** @internal What the stream needs: an opener and the transfer settings. */
export interface ReadStreamSource {
  readonly client: ProtocolClient;
  readonly open: () => Promise<{ handle: Uint8Array; size: number | undefined }>;
  readonly blockSize: number;
  readonly concurrency: number;
}

/**
 * A Readable over a remote file: opens lazily on first read, keeps
 * `concurrency` READs in flight ahead of the consumer, delivers in order,
 * and closes the handle on end, error or destroy.
 */
export function createReadStream(source: ReadStreamSource, options: ReadStreamOptions): Readable {
  const start = options.start ?? 0;
  const endExclusive = options.end === undefined ? undefined : options.end + 1;
  for (const [name, value] of [
    ['start', start],
    ['end', endExclusive ?? 0],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new SftpError('invalid-argument', `createReadStream: invalid ${name}`);
    }
  }
  async function* chunks(): AsyncGenerator<Buffer, void, undefined> {
    const { handle, size } = await source.open();
    try {
      for await (const data of readPipeline(source.client, handle, {
        start,
        ...(endExclusive === undefined ? {} : { end: endExclusive }),
        ...(size === undefined ? {} : { sizeHint: size }),
        blockSize: source.blockSize,
        concurrency: source.concurrency,
      })) {
        yield Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      }
    } finally {
      await source.client.close(handle).catch(() => undefined);
    }
  }
  return Readable.from(chunks(), {
    objectMode: false,
    highWaterMark: source.blockSize,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
