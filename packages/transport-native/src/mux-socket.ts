import { connect, type Socket } from 'node:net';
import { CodecError } from '@openssh-ts/mux-codec';
import { SshError } from '@openssh-ts/session-core';
import { FrameSlab } from './frame-slab.js';

/** Receives what arrives on a {@link MuxSocket}. */
export interface FrameHandler {
  /** Bytes from the master; throwing (a `CodecError`, an `SshError`) fails the socket. */
  receive(chunk: Uint8Array): void;
  /**
   * True when this handler keeps no view of a received chunk past `receive`
   * unless it calls {@link MuxSocket.retainChunk}; the memory is then reused
   * for later reads. Otherwise every chunk is retained.
   */
  readonly lendsChunks?: boolean;
  /** The socket is gone, with the reason; called once. */
  closed(error: SshError): void;
  /** We are about to close the socket ourselves (after a protocol error); still usable here. */
  abandoning?(): void;
}

/**
 * One connection to the ControlMaster's control socket. Its handler decodes
 * the bytes: first the mux protocol, then, after `MUX_S_PROXY`, proxy-mode
 * packets (the mux handler passes the rest of that chunk on).
 *
 * Writes made in one tick leave in one `writev` (cork until the next tick):
 * the master then reads them at once and sends them on to the server in one
 * TCP segment, instead of meeting Nagle's algorithm between them.
 */
export class MuxSocket {
  private corked = false;
  private failure: SshError | undefined;
  private drainWaiters: (() => void)[] = [];

  private constructor(
    private readonly socket: Socket,
    private readonly slab: FrameSlab,
    private handler: FrameHandler,
    readonly path: string,
  ) {
    socket.on('drain', () => {
      for (const waiter of this.drainWaiters.splice(0)) waiter();
    });
    socket.on('error', (error) => this.fail(disconnected(path, error)));
    socket.on('close', () => this.fail(disconnected(path)));
  }

  /** Connects to a control socket; rejects with `master` when nothing listens there. */
  static connect(path: string, handler: FrameHandler, signal?: AbortSignal): Promise<MuxSocket> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(
          new SshError('aborted', 'attaching to the ControlMaster was aborted', {
            cause: signal.reason,
          }),
        );
        return;
      }
      // Reads go straight into a FrameSlab; `onread` replaces 'data' events.
      const slab = new FrameSlab();
      let target: MuxSocket | undefined;
      const socket = connect({
        path,
        onread: {
          buffer: () => slab.next(),
          callback: (length) => {
            const frames = slab.filled(length);
            if (frames.byteLength > 0) target?.receive(frames);
            // Backpressure is the channels' windows, not the socket's.
            return true;
          },
        },
      });
      const onAbort = (): void => {
        socket.destroy();
        reject(
          new SshError('aborted', 'attaching to the ControlMaster was aborted', {
            cause: signal?.reason,
          }),
        );
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(
          new SshError('master', `cannot reach the ControlMaster at ${path}: ${error.message}`, {
            cause: error,
          }),
        );
      });
      socket.once('connect', () => {
        signal?.removeEventListener('abort', onAbort);
        socket.removeAllListeners('error');
        target = new MuxSocket(socket, slab, handler, path);
        resolve(target);
      });
    });
  }

  /** Why the socket failed, once it has. */
  get failed(): SshError | undefined {
    return this.failure;
  }

  /** Routes the following bytes elsewhere (entering proxy mode), starting with `rest`. */
  setHandler(handler: FrameHandler, rest: Uint8Array): void {
    this.handler = handler;
    if (rest.byteLength > 0) handler.receive(rest);
  }

  /** Queues bytes for the master; returns false when the socket buffer is full. */
  send(bytes: Uint8Array): boolean {
    if (this.failure) return true;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    return this.socket.write(bytes);
  }

  /** Whether writes should wait for {@link whenDrained}. */
  get congested(): boolean {
    return this.socket.writableNeedDrain;
  }

  /** Calls back once the socket buffer drained (or at once when it is not full or the socket failed). */
  whenDrained(callback: () => void): void {
    if (this.failure || !this.socket.writableNeedDrain) callback();
    else this.drainWaiters.push(callback);
  }

  /** The socket itself, to share with a link keeper (see link-keeper.ts). */
  get shared(): Socket {
    return this.socket;
  }

  /** Ends our side after flushing; the master sees a clean disconnect. */
  end(): void {
    this.socket.end();
  }

  /**
   * Leaves for good: the handler learns `error` now, and the socket closes
   * once what was written has left. `shutdown: false` closes only our
   * descriptor, so a copy held elsewhere (a link keeper) stays connected.
   */
  leave(error: SshError, shutdown: boolean): void {
    if (this.failure) return;
    this.failure = error;
    this.handler.closed(error);
    if (shutdown) {
      this.socket.end();
      return;
    }
    // Corked writes leave on the next tick; close only after they drained.
    setImmediate(() => {
      if (this.socket.writableNeedDrain) this.socket.once('drain', () => this.socket.destroy());
      else this.socket.destroy();
    });
  }

  /** Tears the connection down at once, failing the handler with `error`. */
  destroy(error: SshError): void {
    this.fail(error);
  }

  /** Keeps the Node process from exiting for this socket or not. */
  setReferenced(referenced: boolean): void {
    if (referenced) this.socket.ref();
    else this.socket.unref();
  }

  /** The chunk being received is kept past `receive`: its memory must not be reused. */
  retainChunk(): void {
    this.slab.retain();
  }

  private receive(chunk: Buffer): void {
    if (this.failure) return;
    try {
      const handler = this.handler;
      if (handler.lendsChunks !== true) this.slab.retain();
      handler.receive(chunk);
    } catch (error) {
      this.handler.abandoning?.();
      this.fail(asMuxError(error));
    }
  }

  private fail(error: SshError): void {
    if (this.failure) return;
    this.failure = error;
    this.socket.destroy();
    for (const waiter of this.drainWaiters.splice(0)) waiter();
    this.handler.closed(error);
  }
}

function disconnected(path: string, cause?: Error): SshError {
  const detail = cause ? `: ${cause.message}` : '';
  return new SshError(
    'disconnected',
    `the connection to the ControlMaster at ${path} was lost${detail}`,
    {
      ...(cause ? { cause } : {}),
    },
  );
}

/** Turns whatever a frame handler threw into the `mux` error that fails the connection. */
export function asMuxError(error: unknown): SshError {
  if (SshError.isInstance(error)) return error;
  if (error instanceof CodecError)
    return new SshError('mux', `malformed message from the ControlMaster: ${error.message}`, {
      cause: error,
    });
  return new SshError('mux', 'failed to process a message from the ControlMaster', {
    cause: error,
  });
}
