import type { Readable, Writable } from 'node:stream';
import { borrowChunks, trace } from '@openssh-ts/session-core';
import { BufferPool } from './buffer-pool.js';
import { SSH_FILEXFER_VERSION } from './constants.js';
import { FrameDecoder } from './frame-decoder.js';
import { encodeInit, encodeRequest, encodeWriteHeader, type SftpRequest } from './requests.js';
import {
  decodeResponse,
  decodeVersion,
  peekResponseId,
  type SftpResponse,
  type VersionResponse,
} from './responses.js';
import { SftpError } from './sftp-error.js';

/** Default bound on one incoming packet before `limits@openssh.com` is known. */
export const DEFAULT_MAX_INCOMING_PACKET = 256 * 1024 + 1024;

/** The largest incoming packet this client ever accepts, whatever a server claims. */
export const HARD_MAX_INCOMING_PACKET = 16 * 1024 * 1024;

interface Pending {
  resolve(response: SftpResponse): void;
  reject(error: SftpError): void;
}

/**
 * The request/response layer over one pair of byte streams: `readable`
 * carries the server's packets, `writable` takes ours. It numbers requests,
 * matches replies by id (the server may answer out of order), and keeps any
 * number in flight; callers bound that number, which bounds memory.
 *
 * Fault model: the first fault (either stream ending or failing, a framing
 * error, a reply to an unknown id, or `fail()`) rejects every pending request
 * with one `SftpError` and every later request immediately with the same
 * error. A reply that frames correctly but does not decode fails only its own
 * request.
 */
export class RequestEngine {
  private readonly pending = new Map<number, Pending>();
  /** Buffers large replies are assembled in; see {@link RequestEngine.releaseReply}. */
  private readonly pool = new BufferPool();
  /** Buffers WRITE packets are built in, back once the stream took them. */
  private readonly outgoing = new BufferPool();
  private readonly decoder = new FrameDecoder(DEFAULT_MAX_INCOMING_PACKET, (size) =>
    this.pool.acquire(size),
  );
  private nextId = 0;
  private failure: SftpError | undefined;
  private versionWaiter: Pending | undefined;
  private readonly faultListeners: ((error: SftpError) => void)[] = [];
  private readonly detach: () => void;

  private constructor(
    private readonly readable: Readable,
    private readonly writable: Writable,
  ) {
    const onData = (chunk: unknown): void => this.receive(chunk, false);
    const onEnd = (): void =>
      this.fail(new SftpError('connection-lost', 'the SFTP server closed the connection'));
    const onError = (error: unknown): void =>
      this.fail(new SftpError('connection-lost', 'the SFTP stream failed', { cause: error }));
    const onWritableClose = (): void =>
      this.fail(new SftpError('connection-lost', 'the stream to the SFTP server closed'));
    // A transport that lends its chunks reuses their memory (no garbage per
    // read); the decoder then copies out every reply, which it must assemble
    // anyway for the large ones.
    const lent = borrowChunks(readable, (chunk) => this.receive(chunk, true));
    if (!lent) readable.on('data', onData);
    readable.on('end', onEnd);
    readable.on('close', onEnd);
    readable.on('error', onError);
    writable.on('error', onError);
    writable.on('close', onWritableClose);
    this.detach = () => {
      readable.off('data', onData);
      readable.off('end', onEnd);
      readable.off('close', onEnd);
      writable.off('close', onWritableClose);
      // Error listeners stay: a late stream error must not become an
      // uncaught exception after we stopped caring.
    };
  }

  /**
   * Sends SSH_FXP_INIT and waits for SSH_FXP_VERSION. Rejects with
   * `protocol` when the server speaks another version, `connection-lost`
   * when the streams end first, `aborted` when `signal` fires.
   */
  static async start(
    readable: Readable,
    writable: Writable,
    signal?: AbortSignal,
  ): Promise<{
    /** The engine, ready for requests. */
    engine: RequestEngine;
    /** The server's SSH_FXP_VERSION: version 3 and the extensions it advertised. */
    version: VersionResponse;
  }> {
    const engine = new RequestEngine(readable, writable);
    const versionPayload = new Promise<SftpResponse>((resolve, reject) => {
      engine.versionWaiter = { resolve, reject };
    });
    const onAbort = (): void =>
      engine.fail(new SftpError('aborted', 'SFTP handshake aborted', { cause: signal?.reason }));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      engine.send(encodeInit());
      const reply = await versionPayload;
      if (reply.type !== 'extended-reply') throw new SftpError('protocol', 'bad SFTP handshake');
      const version = decodeVersion(reply.data);
      if (version.version !== SSH_FILEXFER_VERSION) {
        throw new SftpError('protocol', `server speaks SFTP version ${version.version}, not 3`);
      }
      return { engine, version };
    } catch (error) {
      const typed = SftpError.isInstance(error)
        ? error
        : new SftpError('protocol', 'bad SFTP handshake', { cause: error });
      engine.fail(typed);
      throw typed;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Requests awaiting a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** The error that ended this engine, if it has ended. */
  get error(): SftpError | undefined {
    return this.failure;
  }

  /** Raises the incoming packet bound (clamped to `HARD_MAX_INCOMING_PACKET`). */
  setMaxIncomingPacket(length: number): void {
    this.decoder.setMaxPayloadLength(
      Math.min(Math.max(length, DEFAULT_MAX_INCOMING_PACKET), HARD_MAX_INCOMING_PACKET),
    );
  }

  /**
   * Hands back the memory of a reply's bytes (e.g. DATA) once the caller is
   * done with them and holds no other view, so the next large reply reuses it.
   */
  releaseReply(bytes: Uint8Array): void {
    this.pool.release(bytes);
  }

  /** Calls `listener` once, with the error, when the engine fails. */
  onFault(listener: (error: SftpError) => void): void {
    if (this.failure) listener(this.failure);
    else this.faultListeners.push(listener);
  }

  /** Sends a request; resolves with its reply (of any type: callers check). */
  request(request: SftpRequest): Promise<SftpResponse> {
    if (this.failure) return Promise.reject(this.failure);
    let packet: Uint8Array;
    let borrowed: Uint8Array | undefined;
    const id = this.allocateId();
    try {
      if (request.type !== 'write') packet = encodeRequest(id, request);
      else if (request.borrowed === true) {
        packet = encodeWriteHeader(id, request.handle, request.offset, request.data.byteLength);
        borrowed = request.data;
      } else packet = encodeRequest(id, request, (size) => this.outgoing.acquire(size));
    } catch (error) {
      return Promise.reject(
        SftpError.isInstance(error)
          ? error
          : new SftpError('invalid-argument', 'bad request', { cause: error }),
      );
    }
    return new Promise<SftpResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      trace(
        'sftp',
        () => `request #${id} ${describeForTrace(request)} (${this.pending.size} in flight)`,
      );
      if (borrowed !== undefined) this.sendBorrowed(packet, borrowed);
      else this.send(packet, request.type === 'write');
    });
  }

  /**
   * Runs `send` with the outgoing stream corked, so the requests it makes
   * leave in one write: one syscall and one wake-up of the server (or one
   * SSH packet) instead of one per request.
   */
  corked<T>(send: () => T): T {
    if (this.writable.destroyed || this.writable.writableEnded) return send();
    this.writable.cork();
    try {
      return send();
    } finally {
      this.writable.uncork();
    }
  }

  /**
   * Ends the engine: rejects pending and later requests with `error` and
   * stops listening. Idempotent; the first error wins.
   */
  fail(error: SftpError): void {
    if (this.failure) return;
    this.failure = error;
    this.detach();
    this.versionWaiter?.reject(error);
    this.versionWaiter = undefined;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const entry of pending) entry.reject(error);
    for (const listener of this.faultListeners.splice(0)) listener(error);
  }

  /** Half-closes our side (the server exits on EOF) and fails with `closed`. */
  close(): void {
    this.fail(new SftpError('closed', 'the SFTP client was closed'));
    if (!this.writable.destroyed && !this.writable.writableEnded) this.writable.end();
    this.readable.resume();
  }

  private allocateId(): number {
    // Ids wrap at 2^32; skip any still awaiting a reply.
    do {
      this.nextId = (this.nextId + 1) >>> 0;
    } while (this.pending.has(this.nextId));
    return this.nextId;
  }

  private send(packet: Uint8Array, pooled = false): void {
    if (this.writable.destroyed || this.writable.writableEnded) {
      this.fail(new SftpError('connection-lost', 'the stream to the SFTP server is closed'));
      return;
    }
    // A Writable calls back once the chunk is handed on (to the kernel or
    // the transport's socket), so a pooled WRITE packet is reusable then.
    if (pooled) this.writable.write(packet, () => this.outgoing.release(packet));
    else this.writable.write(packet);
  }

  /** Header and data corked together: one writev, and the data is never copied. */
  private sendBorrowed(header: Uint8Array, data: Uint8Array): void {
    if (this.writable.destroyed || this.writable.writableEnded) {
      this.send(header);
      return;
    }
    this.writable.cork();
    this.writable.write(header);
    this.writable.write(data);
    this.writable.uncork();
  }

  private receive(chunk: unknown, lent: boolean): void {
    if (this.failure) return;
    if (!(chunk instanceof Uint8Array)) {
      this.fail(new SftpError('protocol', 'the SFTP stream delivered a non-binary chunk'));
      return;
    }
    let payloads: Uint8Array[];
    try {
      payloads = lent ? this.decoder.pushLent(chunk) : this.decoder.push(chunk);
    } catch (error) {
      this.fail(error as SftpError);
      return;
    }
    for (const payload of payloads) {
      if (this.failure) return;
      this.dispatch(payload);
    }
  }

  private dispatch(payload: Uint8Array): void {
    if (this.versionWaiter) {
      const waiter = this.versionWaiter;
      this.versionWaiter = undefined;
      waiter.resolve({ type: 'extended-reply', id: 0, data: payload });
      return;
    }
    const id = peekResponseId(payload);
    const entry = id === undefined ? undefined : this.pending.get(id);
    if (id === undefined || entry === undefined) {
      this.fail(new SftpError('protocol', `SFTP reply for unknown request id ${id ?? '(none)'}`));
      return;
    }
    this.pending.delete(id);
    trace('sftp', () => `reply #${id} (${this.pending.size} in flight)`);
    let response: SftpResponse;
    try {
      response = decodeResponse(payload);
    } catch (error) {
      entry.reject(
        SftpError.isInstance(error)
          ? error
          : new SftpError('protocol', 'bad SFTP reply', { cause: error }),
      );
      return;
    }
    entry.resolve(response);
  }
}

/** A request's type, paths and scalar fields; other bytes by their length (file data is never shown). */
function describeForTrace(request: SftpRequest): string {
  const fields = Object.entries(request)
    .filter(([name]) => name !== 'type' && name !== 'borrowed')
    .map(([name, value]) => {
      if (value instanceof Uint8Array) {
        return /path|target/i.test(name)
          ? `${name}=${JSON.stringify(new TextDecoder().decode(value))}`
          : `${name}=<${value.byteLength} bytes>`;
      }
      if (typeof value === 'object' && value !== null) return `${name}=…`;
      return `${name}=${String(value)}`;
    });
  return [request.type, ...fields].join(' ');
}
