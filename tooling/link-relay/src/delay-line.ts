import type { Socket } from 'node:net';

/** How one direction of a link behaves. */
export interface LinkShape {
  /** One-way delay in milliseconds. */
  readonly delayMs: number;
  /** Bits per second the direction carries, or undefined for no limit. */
  readonly rateMbitPerSecond: number | undefined;
  /** Bound on bytes read from the sender and not yet handed to the receiver. */
  readonly inFlightBytes: number;
}

/** Monotonic milliseconds; never the wall clock, which can jump. */
export type Clock = () => number;

interface TimedChunk {
  readonly bytes: Buffer;
  /** When the chunk's last bit reaches the far end. */
  readonly dueAt: number;
}

/**
 * One direction of a relayed connection: bytes read from `source` are stamped
 * with the time they would arrive over the emulated link and written to
 * `destination` once that time has come. Nothing sleeps: one timer waits for
 * the oldest chunk. When more than `inFlightBytes` are held (queued, or
 * buffered in the destination socket) the source is paused, as a full TCP
 * window stops a sender, so a slow receiver never makes the relay grow.
 */
export class DelayLine {
  readonly #source: Socket;
  readonly #destination: Socket;
  readonly #shape: LinkShape;
  readonly #clock: Clock;
  readonly #queue: (TimedChunk | undefined)[] = [];
  #queueHead = 0;
  #queuedBytes = 0;
  /** When the emulated wire has finished serialising what was sent so far. */
  #wireFreeAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #waitingForDrain = false;
  #held = false;
  #sourceEnded = false;
  #closing = false;
  #delivered = 0;
  #peakInFlight = 0;

  constructor(source: Socket, destination: Socket, shape: LinkShape, clock: Clock) {
    this.#source = source;
    this.#destination = destination;
    this.#shape = shape;
    this.#clock = clock;
    source.on('data', (chunk: Buffer) => this.#accept(chunk));
    source.on('end', () => {
      this.#sourceEnded = true;
      this.#pump();
    });
    destination.on('drain', () => {
      this.#waitingForDrain = false;
      this.#pump();
    });
  }

  /** Bytes written to the destination so far. */
  get deliveredBytes(): number {
    return this.#delivered;
  }

  /** The most bytes this direction ever held at once. */
  get peakInFlightBytes(): number {
    return this.#peakInFlight;
  }

  /** Bytes held now: queued plus waiting in the destination socket. */
  get inFlightBytes(): number {
    return this.#queuedBytes + this.#destination.writableLength;
  }

  /** Stops delivering (a partition); the source keeps sending until the bound pauses it. */
  hold(): void {
    this.#held = true;
    this.#cancelTimer();
  }

  /**
   * Delivers again. What was held arrives no earlier than one delay after the
   * heal, as a retransmission would.
   */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    const earliest = this.#clock() + this.#shape.delayMs;
    for (let index = this.#queueHead; index < this.#queue.length; index += 1) {
      const chunk = this.#queue[index];
      if (chunk !== undefined && chunk.dueAt < earliest) {
        this.#queue[index] = { bytes: chunk.bytes, dueAt: earliest };
      }
    }
    this.#pump();
  }

  /** Sends FIN after what is already in flight; later bytes from the source are left unread. */
  finish(): void {
    this.#closing = true;
    this.#source.pause();
    this.#pump();
  }

  /** Drops the timer; the sockets are destroyed by the connection. */
  stop(): void {
    this.#cancelTimer();
    this.#queue.length = 0;
    this.#queueHead = 0;
    this.#queuedBytes = 0;
  }

  #accept(chunk: Buffer): void {
    if (this.#closing) return;
    const now = this.#clock();
    const rate = this.#shape.rateMbitPerSecond;
    const departsAt = Math.max(now, this.#wireFreeAt);
    this.#wireFreeAt =
      rate === undefined ? departsAt : departsAt + (chunk.length * 8) / (rate * 1000);
    this.#queue.push({ bytes: chunk, dueAt: this.#wireFreeAt + this.#shape.delayMs });
    this.#queuedBytes += chunk.length;
    const inFlight = this.inFlightBytes;
    if (inFlight > this.#peakInFlight) this.#peakInFlight = inFlight;
    if (inFlight >= this.#shape.inFlightBytes) this.#source.pause();
    if (this.#timer === undefined) this.#pump();
  }

  #pump(): void {
    this.#cancelTimer();
    if (this.#held) return;
    const now = this.#clock();
    while (!this.#waitingForDrain && this.#queueHead < this.#queue.length) {
      const chunk = this.#queue[this.#queueHead];
      if (chunk === undefined) break;
      if (chunk.dueAt > now) {
        // Timers fire at whole milliseconds at best; rounding up never delivers early.
        this.#timer = setTimeout(() => this.#pump(), Math.ceil(chunk.dueAt - now));
        break;
      }
      this.#queue[this.#queueHead] = undefined;
      this.#queueHead += 1;
      this.#queuedBytes -= chunk.bytes.length;
      this.#delivered += chunk.bytes.length;
      if (!this.#destination.write(chunk.bytes)) this.#waitingForDrain = true;
    }
    if (this.#queueHead === this.#queue.length) {
      this.#queue.length = 0;
      this.#queueHead = 0;
      if ((this.#sourceEnded || this.#closing) && !this.#destination.writableEnded) {
        this.#destination.end();
      }
    } else if (this.#queueHead > 1024) {
      this.#queue.splice(0, this.#queueHead);
      this.#queueHead = 0;
    }
    if (!this.#closing && this.inFlightBytes < this.#shape.inFlightBytes) this.#source.resume();
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
