import {
  CodecError,
  MuxDecoder,
  encodeMuxMessage,
  type MuxMessage,
  type MuxMessageInput,
} from '@openssh-ts/mux-codec';
import { SshError, trace } from '@openssh-ts/session-core';
import { MuxSocket, type FrameHandler } from './mux-socket.js';

/** The mux protocol version this transport speaks (PROTOCOL.mux §1). */
export const MUX_PROTOCOL_VERSION = 4;

/** A reply to a request, as decoded by mux-codec. */
export type MuxReply = Extract<MuxMessage, { type: `MUX_S_${string}` }>;

/** A request without its id: {@link MuxControl.request} assigns one. */
export type MuxRequest = MuxMessageInput extends infer Message
  ? Message extends { readonly requestId: number }
    ? Omit<Message, 'requestId'>
    : never
  : never;

interface PendingRequest {
  resolve(reply: MuxReply): void;
  reject(error: SshError): void;
  /** Set for MUX_C_PROXY: the handler that takes over the following bytes. */
  proxyHandler?: FrameHandler;
}

/**
 * A mux-protocol conversation with the master (PROTOCOL.mux §1–10): the
 * HELLO exchange, then requests matched to replies by request id. Entering
 * proxy mode hands the socket over to a proxy-mode handler.
 */
export class MuxControl implements FrameHandler {
  private socket!: MuxSocket;
  private readonly decoder = new MuxDecoder();
  private helloSeen = false;
  private readonly helloWaiter = deferred<void>();
  private readonly pending = new Map<number, PendingRequest>();
  private nextRequestId = 1;
  private failure: SshError | undefined;

  private constructor() {}

  /** Connects and exchanges HELLO; rejects with `mux` when the master speaks another version. */
  static async open(path: string, signal?: AbortSignal): Promise<MuxControl> {
    const control = new MuxControl();
    control.socket = await MuxSocket.connect(path, control, signal);
    // Our HELLO need not wait for the master's: both sides send theirs first.
    control.socket.send(
      encodeMuxMessage({ type: 'MUX_MSG_HELLO', version: MUX_PROTOCOL_VERSION, extensions: [] }),
    );
    trace('mux', () => `sent MUX_MSG_HELLO version=${MUX_PROTOCOL_VERSION} to ${path}`);
    try {
      await control.helloWaiter.promise;
    } catch (error) {
      control.socket.destroy(error as SshError);
      throw error;
    }
    return control;
  }

  /** Sends a request with a fresh request id and waits for its reply. */
  request(request: MuxRequest): Promise<MuxReply> {
    return this.send(request, undefined);
  }

  /** Asks for proxy mode; once the master agrees, later bytes go to `handler`. */
  async enterProxyMode(handler: FrameHandler): Promise<MuxSocket> {
    const reply = await this.send({ type: 'MUX_C_PROXY' }, handler);
    if (reply.type !== 'MUX_S_PROXY') {
      this.close();
      throw unexpectedReply('MUX_C_PROXY', reply);
    }
    return this.socket;
  }

  /** Ends the conversation. */
  close(): void {
    this.socket.end();
  }

  receive(chunk: Uint8Array): void {
    for (const message of decodeAll(this.decoder, chunk)) this.handle(message);
  }

  closed(error: SshError): void {
    this.failure = error;
    this.helloWaiter.reject(error);
    // Callers waiting for HELLO handle the rejection; keep an unobserved one quiet.
    this.helloWaiter.promise.catch(() => undefined);
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  private handle(message: MuxMessage): void {
    trace('mux', () => `received ${describeForTrace(message)}`);
    if (!this.helloSeen) {
      if (message.type !== 'MUX_MSG_HELLO') {
        throw new SshError('mux', `the ControlMaster sent ${message.type} before HELLO`);
      }
      if (message.version !== MUX_PROTOCOL_VERSION) {
        throw new SshError(
          'mux',
          `the ControlMaster speaks mux protocol version ${message.version}; this transport speaks only version ${MUX_PROTOCOL_VERSION}`,
        );
      }
      this.helloSeen = true;
      this.helloWaiter.resolve();
      return;
    }
    if (!isReply(message)) throw new SshError('mux', `unexpected mux message ${describe(message)}`);
    if (!('requestId' in message))
      throw new SshError('mux', `unexpected mux message ${message.type}`);
    const request = this.pending.get(message.requestId);
    if (!request)
      throw new SshError('mux', `mux reply for unknown request id ${message.requestId}`);
    this.pending.delete(message.requestId);
    if (message.type === 'MUX_S_PROXY') {
      if (!request.proxyHandler)
        throw new SshError('mux', 'MUX_S_PROXY for a request that did not ask for it');
      request.resolve(message);
      this.socket.setHandler(request.proxyHandler, this.decoder.takeRemainder());
      return;
    }
    request.resolve(message);
  }

  private send(request: MuxRequest, proxyHandler: FrameHandler | undefined): Promise<MuxReply> {
    if (this.failure) return Promise.reject(this.failure);
    const requestId = this.nextRequestId;
    this.nextRequestId = (this.nextRequestId + 1) >>> 0 || 1;
    return new Promise<MuxReply>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, ...(proxyHandler ? { proxyHandler } : {}) });
      const message = { ...request, requestId } as MuxMessageInput;
      trace('mux', () => `sent ${describeForTrace(message)}`);
      this.socket.send(encodeMuxMessage(message));
    });
  }
}

function isReply(message: MuxMessage): message is MuxReply {
  return message.type.startsWith('MUX_S_');
}

/** A message's type and its scalar fields (request ids, ports, pids), for the trace. */
function describeForTrace(message: MuxMessage | MuxMessageInput): string {
  const fields = Object.entries(message)
    .filter(
      ([name, value]) => name !== 'type' && ['string', 'number', 'boolean'].includes(typeof value),
    )
    .map(([name, value]) => `${name}=${String(value)}`);
  return [describe(message as MuxMessage), ...fields].join(' ');
}

function describe(message: MuxMessage): string {
  return message.type === 'unknown' ? `0x${message.messageType.toString(16)}` : message.type;
}

/** An `SshError` for a reply that does not answer the request. */
export function unexpectedReply(request: string, reply: MuxReply): SshError {
  if (reply.type === 'MUX_S_FAILURE' || reply.type === 'MUX_S_PERMISSION_DENIED') {
    return new SshError('mux', `the ControlMaster refused ${request}: ${reply.reason}`);
  }
  return new SshError('mux', `unexpected reply ${reply.type} to ${request}`);
}

/** A promise with its settle functions (Promise.withResolvers is not in Node 20). */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

/**
 * Decodes a chunk; when a frame in it is malformed, yields the messages
 * before it first and then throws, so what arrived intact is still acted on.
 */
export function* decodeAll<Message>(
  decoder: { push(chunk: Uint8Array): Message[] },
  chunk: Uint8Array,
): Generator<Message> {
  let messages: Message[];
  try {
    messages = decoder.push(chunk);
  } catch (error) {
    if (error instanceof CodecError) yield* error.decodedBeforeFailure as Message[];
    throw error;
  }
  yield* messages;
}
