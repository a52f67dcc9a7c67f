import { Duplex, Readable, Writable } from 'node:stream';
import {
  BORROW_CHUNKS,
  type ChunkBorrower,
  type ChunkLender,
  type SshError,
} from '@openssh-ts/session-core';
import type { Channel, ChannelListener } from './channel.js';
import { ChunkwiseReads } from './chunkwise-reads.js';
import { isOwnDisconnect } from './own-disconnect.js';

/**
 * Counts what a Readable fed by a channel has handed to its consumer and
 * grants exactly that back to the peer as window: bytes pushed minus bytes
 * still buffered. Streams use the channel window as their high-water mark,
 * so `_read()` runs after nearly every read and window flows back steadily.
 */
class ConsumptionMeter {
  private pushedBytes = 0;
  private reportedBytes = 0;
  private readonly chunkwise = new ChunkwiseReads();

  constructor(private readonly channel: Channel) {}

  /**
   * Pushes `data` into `stream`, or grants it back at once when nobody will
   * read it. Returns whether `data` was only lent (dropped, not kept).
   */
  deliver(stream: Readable, data: Uint8Array): boolean {
    if (stream.destroyed || stream.readableEnded) {
      this.grantAtOnce(data.byteLength);
      return true;
    }
    this.pushedBytes += data.byteLength;
    this.chunkwise.record(data.byteLength);
    stream.push(data);
    this.report(stream);
    return false;
  }

  /** Grants `length` bytes back that never went through the stream (dropped, or lent and returned). */
  grantAtOnce(length: number): void {
    this.channel.consumed(length);
  }

  /** `stream` is being iterated: its reads should take one chunk at a time. */
  iterating(stream: Readable): void {
    this.chunkwise.start(stream.readableLength);
  }

  /** The size for `read(size)` on `stream`: a whole chunk's, where the caller gave none and that helps. */
  readSize(stream: Readable, size: number | undefined): number | undefined {
    if (size !== undefined || stream.readableFlowing) return size;
    return this.chunkwise.nextSize(stream.readableLength);
  }

  report(stream: Readable): void {
    const consumed = this.pushedBytes - stream.readableLength - this.reportedBytes;
    if (consumed <= 0) return;
    this.reportedBytes += consumed;
    this.channel.consumed(consumed);
  }

  /** The stream is gone: what sat unread is as good as consumed. */
  abandon(): void {
    const unread = this.pushedBytes - this.reportedBytes;
    this.reportedBytes = this.pushedBytes;
    if (unread > 0) this.channel.consumed(unread);
  }
}

/**
 * A channel's incoming data (stdout or stderr) as a Node Readable with
 * end-to-end backpressure, which can also lend its chunks (see
 * `ChunkLender` in session-core) so that the link reuses their memory.
 */
export class ChannelOutput extends Readable implements ChunkLender {
  private readonly meter: ConsumptionMeter;
  private borrower: ChunkBorrower | undefined;

  constructor(channel: Channel) {
    super({ highWaterMark: channel.windowSize });
    this.meter = new ConsumptionMeter(channel);
  }

  /**
   * Hands data from the peer to the consumer; returns true when it was only
   * lent (a borrower copied it, or it was dropped) and may be overwritten.
   */
  deliver(data: Uint8Array): boolean {
    const borrower = this.borrower;
    if (borrower === undefined || this.destroyed) return this.meter.deliver(this, data);
    try {
      borrower(data);
    } catch (error) {
      // A borrower's bug fails its own stream, not the link every channel shares.
      this.destroy(error instanceof Error ? error : new Error(String(error)));
    }
    this.meter.grantAtOnce(data.byteLength);
    return true;
  }

  [BORROW_CHUNKS](borrower: ChunkBorrower): boolean {
    // With an encoding set, buffered chunks would come out of read() as strings.
    const refused =
      this.borrower !== undefined ||
      this.destroyed ||
      this.readableEnded ||
      this.readableEncoding !== null;
    if (refused) return false;
    // What was pushed before goes first, so the borrower sees every byte in order.
    for (let chunk: unknown = this.read(); chunk !== null; chunk = this.read()) {
      borrower(chunk as Uint8Array);
    }
    this.borrower = borrower;
    // Flowing, so that 'end' is emitted once the peer's EOF is pushed.
    this.resume();
    return true;
  }

  override [Symbol.asyncIterator](): ReturnType<Readable[typeof Symbol.asyncIterator]> {
    this.meter.iterating(this);
    return super[Symbol.asyncIterator]();
  }

  override _read(): void {
    this.meter.report(this);
  }

  // Node calls `_read()` only once per push, so consumption is also counted
  // on every read: paused-mode readers (`for await`, `read()`) take data
  // without another `_read()`, and would otherwise never grant window back.
  override read(size?: number): ReturnType<Readable['read']> {
    const chunk: unknown = super.read(this.meter.readSize(this, size));
    this.meter.report(this);
    return chunk;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.meter.abandon();
    callback(error);
  }
}

/**
 * The remote stdin as a Node Writable: each write completes once the peer's
 * window admitted it and the socket took it, so a fast producer is held back
 * by the remote reader. Ending (or destroying) it sends EOF.
 */
export class ChannelInput extends Writable {
  constructor(private readonly channel: Channel) {
    super({ highWaterMark: 64 * 1024 });
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.channel.write(chunk, undefined, callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    writeAll(this.channel, chunks, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.channel.endInput();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.channel.endInput();
    callback(error);
  }
}

/**
 * A whole channel as a Duplex (a `direct-tcpip` or forwarded connection):
 * writes become DATA, reads come from DATA, ending sends EOF, destroying
 * closes the channel. Losing the link destroys it with the error.
 */
export class ChannelDuplex extends Duplex implements ChannelListener {
  private readonly meter: ConsumptionMeter;

  constructor(private readonly channel: Channel) {
    super({
      readableHighWaterMark: channel.windowSize,
      writableHighWaterMark: 64 * 1024,
      allowHalfOpen: true,
    });
    this.meter = new ConsumptionMeter(channel);
    channel.listener = this;
  }

  onData(data: Uint8Array): boolean {
    return this.meter.deliver(this, data);
  }

  onEof(): void {
    this.push(null);
  }

  onRequest(): boolean {
    return false;
  }

  onClosed(error: SshError | undefined): void {
    // Our own detach ends tunnels quietly; a lost link is an error, as on a socket.
    if (error && !isOwnDisconnect(error)) this.destroy(error);
    else {
      if (!this.readableEnded) this.push(null);
      // Both directions are over once the peer closed; no more writes can land.
      if (!this.writableFinished) this.end();
    }
  }

  override _read(): void {
    this.meter.report(this);
  }

  // Node calls `_read()` only once per push, so consumption is also counted
  // on every read: paused-mode readers (`for await`, `read()`) take data
  // without another `_read()`, and would otherwise never grant window back.
  override read(size?: number): ReturnType<Readable['read']> {
    const chunk: unknown = super.read(this.meter.readSize(this, size));
    this.meter.report(this);
    return chunk;
  }

  override [Symbol.asyncIterator](): ReturnType<Readable[typeof Symbol.asyncIterator]> {
    this.meter.iterating(this);
    return super[Symbol.asyncIterator]();
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.channel.write(chunk, undefined, callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    writeAll(this.channel, chunks, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.channel.endInput();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.meter.abandon();
    this.channel.close();
    callback(error);
  }
}

function writeAll(
  channel: Channel,
  chunks: { chunk: Buffer }[],
  callback: (error?: Error | null) => void,
): void {
  const last = chunks.length - 1;
  chunks.forEach(({ chunk }, index) =>
    channel.write(chunk, undefined, index === last ? callback : ignore),
  );
}

function ignore(): void {}
