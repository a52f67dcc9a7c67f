import {
  encodeChannelDataHeader,
  encodeExtendedDataHeader,
  encodeProxyPacket,
  type ChannelRequest,
  type Encodable,
  type ProxyPacket,
} from '@openssh-ts/mux-codec';
import { SshError, trace } from '@openssh-ts/session-core';
import { takePacket, type QueuedWrite } from './outgoing-packets.js';
import { proxyDataSize } from './proxy-data-size.js';
import type { RoundTripEstimate } from './round-trip-estimate.js';
import { WindowSizer } from './window-sizer.js';

/** Packets the master routes to one channel of ours. */
export type ChannelPacket = Extract<ProxyPacket, { readonly recipientChannel: number }>;

/** What a channel needs from the proxy link under it. */
export interface ChannelLink {
  send(bytes: Uint8Array): boolean;
  whenDrained(callback: () => void): void;
  /** The link's round trip, sampled from request replies; sizes receive windows. */
  readonly roundTrip: RoundTripEstimate;
  /** The channel is closed both ways; its id may be reused. */
  release(channel: Channel): void;
}

/** Receives what arrives on a channel. */
export interface ChannelListener {
  /**
   * Channel data: `stream` 0 is DATA (stdout), 1 is EXTENDED_DATA code 1
   * (stderr). Returns true when no view of `data` was kept past the call
   * (it was lent: copied or dropped), so its memory may be reused.
   */
  onData(data: Uint8Array, stream: 0 | 1): boolean;
  onEof(): void;
  /** A channel request from the peer; return whether it was understood. */
  onRequest(request: ChannelRequest): boolean;
  /** The channel is gone: closed by both sides (no error) or lost (error). */
  onClosed(error: SshError | undefined): void;
}

/**
 * Window is granted back once this fraction of it was consumed. Half-window
 * steps (OpenSSH's own threshold in channel_check_window) measured 15–26
 * MiB/s for one exec stream download at a 50 ms round trip through the link
 * relay, against 28–34 with quarter and eighth steps (2 MiB window, 64 MiB,
 * load 10–25): with half steps the sender often sits on an empty window
 * waiting a round trip for the next grant. Memory is unchanged: the peer can
 * still never be more than one window ahead of the consumer.
 */
const GRANT_STEPS = 4;

/**
 * Grants go out at least every this many bytes consumed, however large the
 * window: sshd sends each grant's worth at once, and bursts larger than the
 * master forwards per poll pass (see WindowSizer) queue in the master.
 */
const MAXIMUM_GRANT_STEP = 256 * 1024;

/**
 * Below this round trip (loopback) windows never grow, so no probes are sent.
 */
const MINIMUM_PROBED_ROUND_TRIP_MS = 1;

/**
 * One SSH channel carried over the proxy link (RFC 4254 §5): its two windows,
 * in-order request replies, and the EOF/CLOSE handshake.
 *
 * Flow control, receiving: the peer may send `windowSize` bytes ahead of what
 * the consumer has taken (`consumed()`); window is granted back in steps of
 * a quarter of it (see GRANT_STEPS), so memory per channel stays under one
 * window whatever the producer does. Sending: data waits for the peer's window and is cut to its
 * maximum packet size.
 */
export class Channel {
  remoteId = -1;
  private remoteWindow = 0;
  private remoteMaximumPacket = 0;
  private localWindow: number;
  private ungranted = 0;
  private windowExcess = 0;
  private readonly sizer: WindowSizer;
  private probeOutstanding = false;
  private receivedEof = false;
  /** Request replies in order; `answered` is false when the channel ended first. */
  private readonly replies: ((success: boolean, answered?: boolean) => void)[] = [];
  private readonly writes: QueuedWrite[] = [];
  private sentEof = false;
  private eofOnWire = false;
  private sentClose = false;
  private receivedClose = false;
  private released = false;
  private lostWith: SshError | undefined;
  listener: ChannelListener | undefined;
  /** Whether this channel holds one of the session slots of the link's throttle. */
  sessionSlot = false;
  /**
   * Never send EOF: set for sessions with a pseudo-terminal. sshd does not
   * pass EOF on to a program reading a terminal, and on EOF it closes the
   * descriptor it later applies `window-change` through, so EOF would only
   * stop resizes from working.
   */
  keepsInputOpen = false;

  constructor(
    readonly localId: number,
    private readonly link: ChannelLink,
    readonly windowSize: number,
    readonly maximumPacket: number,
    maximumWindowSize: number = windowSize,
  ) {
    this.localWindow = windowSize;
    this.sizer = new WindowSizer(windowSize, Math.max(windowSize, maximumWindowSize));
  }

  /** The receive window the peer is allowed now: `windowSize`, grown on a window-limited link. */
  get grantedWindow(): number {
    return this.sizer.size;
  }

  /** The link failure that ended this channel, if that is how it ended. */
  get lost(): SshError | undefined {
    return this.lostWith;
  }

  /** Whether CLOSE was sent or the channel is gone. */
  get closing(): boolean {
    return this.sentClose || this.released;
  }

  /** Records the peer's side of an open channel. */
  opened(remoteId: number, window: number, maximumPacket: number): void {
    this.remoteId = remoteId;
    this.remoteWindow = window;
    // A zero maximum packet would stall every write; OpenSSH never sends one.
    this.remoteMaximumPacket = Math.max(1, Math.min(maximumPacket, 32 * 1024 * 7));
  }

  /**
   * Sends a channel request. With `wantReply`, resolves with the peer's
   * answer (replies come in request order, RFC 4254 §5.4); otherwise at once.
   */
  request(request: Encodable<ChannelRequest>, wantReply: boolean): Promise<boolean> {
    if (this.closing) return Promise.resolve(false);
    let packet: Uint8Array;
    try {
      packet = encodeProxyPacket({
        type: 'SSH_MSG_CHANNEL_REQUEST',
        recipientChannel: this.remoteId,
        wantReply,
        request,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return Promise.reject(
        new SshError('invalid-command', `cannot send ${request.kind}: ${message}`, {
          cause: error,
        }),
      );
    }
    this.link.send(packet);
    if (!wantReply) return Promise.resolve(true);
    const sentAt = performance.now();
    return new Promise((resolve) =>
      this.replies.push((success, answered = true) => {
        if (answered) this.link.roundTrip.sample(performance.now() - sentAt);
        resolve(success);
      }),
    );
  }

  /** Queues data (stdin, or `code` 1 for stderr); calls back once it is handed to the socket. */
  write(data: Uint8Array, code: number | undefined, callback: (error?: SshError) => void): void {
    if (this.lostWith) {
      callback(this.lostWith);
      return;
    }
    // Like a pipe whose reader is gone, a closed channel swallows data:
    // failing here would crash callers that do not listen for stdin errors.
    if (this.sentEof || this.closing) {
      callback();
      return;
    }
    this.writes.push({ data, offset: 0, code, callback });
    this.pump();
  }

  /** Sends EOF after any queued data. */
  endInput(): void {
    if (this.sentEof || this.closing || this.keepsInputOpen) return;
    this.sentEof = true;
    this.flushEof();
  }

  private flushEof(): void {
    if (!this.sentEof || this.eofOnWire || this.writes.length > 0 || this.closing) return;
    this.eofOnWire = true;
    this.link.send(
      encodeProxyPacket({ type: 'SSH_MSG_CHANNEL_EOF', recipientChannel: this.remoteId }),
    );
  }

  /** Sends CLOSE (once); the channel is released when the peer's CLOSE arrives. */
  close(): void {
    if (this.closing) return;
    this.sentClose = true;
    this.failWrites(undefined);
    this.sendClose();
    if (this.receivedClose) this.release(undefined);
  }

  /**
   * The consumer took `length` bytes: grant them back to the peer in
   * quarter-window steps, plus any growth of the window (see WindowSizer).
   */
  consumed(length: number): void {
    this.ungranted += length;
    if (
      this.ungranted < Math.min(this.sizer.size / GRANT_STEPS, MAXIMUM_GRANT_STEP) ||
      this.closing ||
      this.receivedClose
    )
      return;
    // Received but neither consumed nor granted back: what the reader still holds.
    const buffered = Math.max(0, this.sizer.size - this.localWindow - this.ungranted);
    const before = this.sizer.size;
    const bytesToAdd = this.sizer.grant(this.ungranted, buffered);
    this.ungranted = 0;
    if (this.sizer.size !== before) {
      trace(
        'channel',
        () =>
          `#${this.localId} receive window ${before} -> ${this.sizer.size} bytes (round trip ${this.link.roundTrip.milliseconds?.toFixed(1)} ms)`,
      );
    }
    if (bytesToAdd === 0) return;
    this.localWindow += bytesToAdd;
    this.link.send(
      encodeProxyPacket({
        type: 'SSH_MSG_CHANNEL_WINDOW_ADJUST',
        recipientChannel: this.remoteId,
        bytesToAdd,
      }),
    );
  }

  /**
   * Handles a packet addressed to this channel (after OPEN_CONFIRMATION).
   * Returns true when nothing kept a view of the packet's bytes (see
   * {@link ChannelListener.onData}).
   */
  receive(packet: ChannelPacket): boolean {
    switch (packet.type) {
      case 'SSH_MSG_CHANNEL_WINDOW_ADJUST':
        this.remoteWindow += packet.bytesToAdd;
        if (this.remoteWindow > 0xffffffff) {
          throw new SshError('mux', 'the peer grew a channel window past 2^32-1');
        }
        this.pump();
        return true;
      case 'SSH_MSG_CHANNEL_DATA':
        this.takeWindow(packet.data.byteLength);
        return this.listener?.onData(packet.data, 0) ?? true;
      case 'SSH_MSG_CHANNEL_EXTENDED_DATA':
        this.takeWindow(packet.data.byteLength);
        // Only stderr (code 1) is defined; other codes are dropped but still use window.
        if (packet.dataTypeCode === 1) return this.listener?.onData(packet.data, 1) ?? true;
        this.consumed(packet.data.byteLength);
        return true;
      case 'SSH_MSG_CHANNEL_EOF':
        this.receivedEof = true;
        this.listener?.onEof();
        return true;
      case 'SSH_MSG_CHANNEL_REQUEST': {
        const understood = this.listener?.onRequest(packet.request) ?? false;
        if (packet.request.kind === 'keepalive@openssh.com') {
          trace(
            'keepalive',
            () => `#${this.localId} keepalive@openssh.com from the server answered`,
          );
        }
        // Unknown requests (e.g. eow@openssh.com, keepalive@openssh.com) are
        // answered only when the peer asked for a reply, as RFC 4254 §5.4 says.
        if (packet.wantReply && !this.closing) {
          const type = understood ? 'SSH_MSG_CHANNEL_SUCCESS' : 'SSH_MSG_CHANNEL_FAILURE';
          this.link.send(encodeProxyPacket({ type, recipientChannel: this.remoteId }));
        }
        // A listener may keep parts of a request (an unknown one's raw bytes).
        return false;
      }
      case 'SSH_MSG_CHANNEL_SUCCESS':
      case 'SSH_MSG_CHANNEL_FAILURE': {
        const reply = this.replies.shift();
        if (!reply) throw new SshError('mux', `channel ${this.localId}: a reply to no request`);
        reply(packet.type === 'SSH_MSG_CHANNEL_SUCCESS');
        return true;
      }
      case 'SSH_MSG_CHANNEL_CLOSE':
        this.receivedClose = true;
        if (!this.sentClose) {
          this.sentClose = true;
          this.sendClose();
        }
        this.release(undefined);
        return true;
      case 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION':
      case 'SSH_MSG_CHANNEL_OPEN_FAILURE':
        throw new SshError('mux', `channel ${this.localId}: unexpected ${packet.type}`);
    }
  }

  private sendClose(): void {
    this.link.send(
      encodeProxyPacket({ type: 'SSH_MSG_CHANNEL_CLOSE', recipientChannel: this.remoteId }),
    );
  }

  /** The link is gone: fail everything pending with `error`. */
  linkLost(error: SshError): void {
    this.release(error);
  }

  private takeWindow(length: number): void {
    if (length > this.maximumPacket)
      throw new SshError('mux', `channel ${this.localId}: packet larger than announced`);
    if (length <= this.localWindow) {
      this.localWindow -= length;
      this.windowExcess = 0;
      this.sizer.received(length, this.link.roundTrip.milliseconds);
      this.probe();
      return;
    }
    // OpenSSH allows a peer 10% over the window before giving up on it; so do we.
    this.windowExcess += length - this.localWindow;
    this.localWindow = 0;
    if (this.windowExcess > this.sizer.size / 10)
      throw new SshError('mux', `channel ${this.localId}: peer ignored the window`);
  }

  /**
   * While data flows on a channel whose window may change, keeps one request
   * in flight that the server answers at once (an unknown one: sshd replies
   * CHANNEL_FAILURE), so that each reply's delay tells the window sizer
   * whether bytes are queueing (see WindowSizer).
   */
  private probe(): void {
    const roundTrip = this.link.roundTrip.milliseconds;
    if (
      this.probeOutstanding ||
      !this.sizer.adjustable ||
      roundTrip === undefined ||
      roundTrip < MINIMUM_PROBED_ROUND_TRIP_MS ||
      this.receivedEof ||
      this.closing
    )
      return;
    this.probeOutstanding = true;
    const sentAt = performance.now();
    void this.request({ kind: 'keepalive@openssh.com' }, true).then(() => {
      this.probeOutstanding = false;
      const fastest = this.link.roundTrip.milliseconds;
      if (fastest !== undefined && !this.closing)
        this.sizer.probed(performance.now() - sentAt, fastest);
    });
  }

  private pump(): void {
    while (this.writes.length > 0 && !this.closing) {
      const code = this.writes[0]!.code;
      const limit = Math.min(
        this.remoteWindow,
        this.remoteMaximumPacket,
        proxyDataSize(code !== undefined),
      );
      const packet = takePacket(this.writes, limit);
      if (packet.length > 0) {
        this.link.send(
          code === undefined
            ? encodeChannelDataHeader(this.remoteId, packet.length)
            : encodeExtendedDataHeader(this.remoteId, code, packet.length),
        );
        for (const piece of packet.pieces) this.link.send(piece);
        this.remoteWindow -= packet.length;
      }
      for (const write of this.writes.splice(0, packet.completed)) {
        // Completing only once the socket drains carries its backpressure to the writer.
        this.link.whenDrained(() => write.callback());
      }
      // No progress means no window: the peer's WINDOW_ADJUST pumps again.
      if (packet.length === 0 && packet.completed === 0) return;
    }
    this.flushEof();
  }

  private failWrites(error: SshError | undefined): void {
    for (const write of this.writes.splice(0)) write.callback(error);
  }

  private release(error: SshError | undefined): void {
    if (this.released) return;
    this.released = true;
    this.lostWith = error;
    this.failWrites(error);
    for (const reply of this.replies.splice(0)) reply(false, false);
    this.link.release(this);
    this.listener?.onClosed(error);
  }
}
