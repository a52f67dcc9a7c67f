import {
  ProxyPacketDecoder,
  SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
  SSH_OPEN_CONNECT_FAILED,
  SSH_OPEN_RESOURCE_SHORTAGE,
  encodeProxyPacket,
  type ChannelOpenPacket,
  type ChannelOpenType,
  type Encodable,
  type GlobalRequest,
  type ProxyPacket,
} from '@openssh-ts/mux-codec';
import { SshError } from '@openssh-ts/session-core';
import { Channel, type ChannelLink, type ChannelPacket } from './channel.js';
import { MuxControl, decodeAll, unexpectedReply } from './mux-control.js';
import { spawnLinkKeeper, type LinkKeeper } from './link-keeper.js';
import { ownDisconnect } from './own-disconnect.js';
import type { FrameHandler, MuxSocket } from './mux-socket.js';
import { SessionThrottle } from './session-throttle.js';
import { SpareSession, type SpareSource } from './spare-session.js';

/** Window and packet sizes we announce for channels we open or accept. */
export interface ChannelSizes {
  readonly windowSize: number;
  readonly maximumPacket: number;
}

/** An incoming channel open from the server (a remote forward's connection). */
export type IncomingOpen = ChannelOpenPacket;

/** Decides about an incoming channel open: a channel to confirm it with, or a refusal. */
export type IncomingOpenHandler = (open: IncomingOpen, accept: () => Channel) => boolean;

interface PendingOpen {
  readonly channel: Channel;
  readonly session: boolean;
  /** Opened ahead of need: a refusal is not retried. */
  readonly spare: boolean;
  resolve(channel: Channel): void;
  reject(error: SshError): void;
  /** Re-sends the open (after a refusal for lack of sessions); `probe` as for the throttle. */
  readonly resend: (probe: boolean) => void;
  /** Whether the throttle sent this open as a probe beyond its limit. */
  probe: boolean;
  idleRefusals: number;
}

/**
 * A mux connection in proxy mode (`MUX_C_PROXY`, PROTOCOL.mux §9): SSH
 * connection-protocol packets to and from the server, channel ids
 * translated by the master. Many channels share it.
 *
 * Closing it with a channel open still unanswered would make the master
 * kill its whole connection: the master turns our pending channel into a
 * plain open one when we leave, and the server's late OPEN_CONFIRMATION for
 * a channel that is not "opening" is a fatal protocol error there
 * (`channel_input_open_confirmation` in channels.c). So {@link shutdown}
 * first waits for every open to be answered and closes what was confirmed.
 */
export class ProxyLink implements FrameHandler, ChannelLink, SpareSource {
  private readonly decoder = new ProxyPacketDecoder();
  private readonly channels = new Map<number, Channel>();
  private readonly pendingOpens = new Map<number, PendingOpen>();
  private readonly throttle = new SessionThrottle();
  private readonly spareSession: SpareSession = new SpareSession(this);
  private readonly settledWaiters: (() => void)[] = [];
  private nextId = 0;
  private failure: SshError | undefined;
  private stopping: SshError | undefined;
  /** Whether a link keeper holds a copy of the socket. */
  private kept = false;
  private keeper: LinkKeeper | undefined;
  private socket!: MuxSocket;
  /** Handles server-initiated opens (remote forwards); refused when unset. */
  incomingOpen: IncomingOpenHandler | undefined;

  private constructor(
    readonly sizes: ChannelSizes,
    private readonly masterPid: number,
  ) {}

  /** Connects, exchanges HELLO and enters proxy mode. */
  static async open(path: string, sizes: ChannelSizes, signal?: AbortSignal): Promise<ProxyLink> {
    const control = await MuxControl.open(path, signal);
    try {
      // The master's pid lets a link keeper watch it (see link-keeper.ts).
      const alive = await control.request({ type: 'MUX_C_ALIVE_CHECK' });
      if (alive.type !== 'MUX_S_ALIVE') throw unexpectedReply('MUX_C_ALIVE_CHECK', alive);
      const link = new ProxyLink(sizes, alive.pid);
      link.socket = await control.enterProxyMode(link);
      link.updateReference();
      return link;
    } catch (error) {
      control.close();
      throw error;
    }
  }

  /** Why the link failed, if it has. */
  get failed(): SshError | undefined {
    return this.failure;
  }

  /**
   * Opens a channel. Session channels go through the MaxSessions throttle
   * and are retried when the server refuses them for lack of sessions; a
   * spare session opened ahead of need is used when there is one.
   */
  openChannel(open: Encodable<ChannelOpenType>): Promise<Channel> {
    if (open.kind === 'session' && !this.failure && !this.stopping) {
      const spare = this.spareSession.take();
      if (spare) return Promise.resolve(spare);
    }
    return this.open(open, false);
  }

  /** Opens a session for {@link SpareSession}: only into a free slot, never retried. */
  openSpare(): Promise<Channel> {
    return this.open({ kind: 'session' }, true);
  }

  /** Whether session opens wait for a slot. */
  get sessionsWaiting(): boolean {
    return this.throttle.queued > 0;
  }

  private open(open: Encodable<ChannelOpenType>, spare: boolean): Promise<Channel> {
    const refusal = this.failure ?? this.stopping;
    if (refusal) return Promise.reject(refusal);
    const session = open.kind === 'session';
    return new Promise((resolve, reject) => {
      const start = (probe = false): void => {
        const refusal = this.failure ?? this.stopping;
        if (refusal) {
          if (session) this.throttle.release();
          reject(refusal);
          return;
        }
        const channel = this.newChannel();
        const pending: PendingOpen = {
          channel,
          session,
          spare,
          resolve,
          reject,
          idleRefusals: 0,
          probe,
          resend: (again: boolean): void => {
            const refusal = this.failure ?? this.stopping;
            if (refusal) {
              this.throttle.release();
              reject(refusal);
              return;
            }
            pending.probe = again;
            this.sendOpen(pending, open);
          },
        };
        this.sendOpen(pending, open);
      };
      if (spare) {
        if (this.throttle.tryAcquire()) start();
        else reject(new SshError('remote', 'no free session slot for a spare'));
      } else if (session) {
        this.throttle.acquire(start);
        // Someone waits: a spare's slot serves them better.
        if (this.throttle.queued > 0) this.spareSession.yieldSlot();
      } else {
        start();
      }
    });
  }

  /** Resolves once the server has answered a packet sent now (all it got before is done). */
  async barrier(): Promise<void> {
    try {
      // A fresh open, not the spare: it must travel behind what came before.
      const channel = await this.open({ kind: 'session' }, false);
      channel.close();
    } catch {
      // A refusal is an answer too; a lost link fails everything else anyway.
    }
  }

  /** Sends a global request that wants no reply (proxy clients get none: the master keeps them). */
  globalRequest(request: Encodable<GlobalRequest>): void {
    this.send(encodeProxyPacket({ type: 'SSH_MSG_GLOBAL_REQUEST', wantReply: false, request }));
  }

  /**
   * Leaves proxy mode without harming the master: waits (up to `timeout`
   * ms) for unanswered opens, sends CLOSE for every channel and leaves. The
   * master finishes those channels itself; running remote processes go on
   * until they exit.
   */
  async shutdown(timeout = 5000): Promise<void> {
    if (this.failure) return;
    const deadline = Date.now() + timeout;
    this.stopping = ownDisconnect('the transport was detached');
    this.spareSession.stop();
    this.throttle.flush();
    while (!this.failure && this.pendingOpens.size > 0 && Date.now() < deadline) {
      await this.settled(deadline);
    }
    if (this.failure) return;
    for (const channel of this.channels.values()) channel.close();
    this.abandoning();
    // A kept link is closed, not shut down: that would end the keeper's copy too.
    this.socket.leave(this.stopping, !this.kept);
  }

  /** We are about to drop the socket: unanswered opens would kill the master, so keep it then. */
  abandoning(): void {
    if (this.pendingOpens.size > 0) this.keep();
  }

  /** The master was told to exit: stop any keeper, then fail the link. */
  terminated(error: SshError): void {
    this.keeper?.stop();
    this.socket.destroy(error);
  }

  /** Fails the link at once (used after a protocol violation). */
  destroy(error: SshError): void {
    this.socket.destroy(error);
  }

  send(bytes: Uint8Array): boolean {
    return this.socket.send(bytes);
  }

  whenDrained(callback: () => void): void {
    this.socket.whenDrained(callback);
  }

  release(channel: Channel): void {
    if (this.channels.get(channel.localId) !== channel) return;
    this.channels.delete(channel.localId);
    if (channel.sessionSlot) {
      this.throttle.release();
      this.spareSession.refill();
    }
    this.notifySettled();
    this.updateReference();
  }

  /** Chunks are only lent to us: see {@link FrameHandler.lendsChunks}. */
  readonly lendsChunks = true;

  receive(chunk: Uint8Array): void {
    for (const packet of decodeAll(this.decoder, chunk)) {
      if (this.failure) return;
      // The socket is set once proxy mode is entered; chunks before that
      // come through the mux handshake, which retains them anyway.
      if (!this.dispatch(packet)) this.socket?.retainChunk();
    }
  }

  /** Handles one packet; returns true when nothing kept a view of its bytes. */
  private dispatch(packet: ProxyPacket): boolean {
    switch (packet.type) {
      case 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION':
      case 'SSH_MSG_CHANNEL_OPEN_FAILURE':
        this.answerOpen(packet);
        return false;
      case 'SSH_MSG_CHANNEL_OPEN':
        this.acceptOpen(packet);
        return false;
      case 'SSH_MSG_REQUEST_SUCCESS':
      case 'SSH_MSG_REQUEST_FAILURE':
        // Replies to global requests are consumed by the master; ignore strays.
        return true;
      case 'SSH_MSG_CHANNEL_CLOSE':
      case 'SSH_MSG_CHANNEL_DATA':
      case 'SSH_MSG_CHANNEL_EOF':
      case 'SSH_MSG_CHANNEL_EXTENDED_DATA':
      case 'SSH_MSG_CHANNEL_FAILURE':
      case 'SSH_MSG_CHANNEL_REQUEST':
      case 'SSH_MSG_CHANNEL_SUCCESS':
      case 'SSH_MSG_CHANNEL_WINDOW_ADJUST':
        return this.channelFor(packet).receive(packet);
      case 'SSH_MSG_GLOBAL_REQUEST':
      case 'unknown':
        // The master forwards neither to a proxy client; anything else is out of protocol.
        throw new SshError('mux', `unexpected proxy packet ${describePacket(packet)}`);
    }
  }

  private channelFor(packet: ChannelPacket): Channel {
    const channel = this.channels.get(packet.recipientChannel);
    if (!channel || channel.remoteId < 0) {
      throw new SshError('mux', `${packet.type} for unknown channel ${packet.recipientChannel}`);
    }
    return channel;
  }

  closed(error: SshError): void {
    this.fail(error);
  }

  private fail(error: SshError): void {
    if (this.failure) return;
    this.failure = error;
    for (const pending of this.pendingOpens.values()) pending.reject(error);
    this.pendingOpens.clear();
    this.throttle.flush();
    for (const channel of [...this.channels.values()]) channel.linkLost(error);
    this.channels.clear();
    this.notifySettled();
  }

  private sendOpen(pending: PendingOpen, open: Encodable<ChannelOpenType>): void {
    const { channel } = pending;
    this.channels.set(channel.localId, channel);
    this.pendingOpens.set(channel.localId, pending);
    this.updateReference();
    this.send(
      encodeProxyPacket({
        type: 'SSH_MSG_CHANNEL_OPEN',
        senderChannel: channel.localId,
        initialWindowSize: channel.windowSize,
        maximumPacketSize: channel.maximumPacket,
        channel: open,
      }),
    );
  }

  private answerOpen(
    packet: Extract<
      ProxyPacket,
      { type: 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION' | 'SSH_MSG_CHANNEL_OPEN_FAILURE' }
    >,
  ): void {
    const pending = this.pendingOpens.get(packet.recipientChannel);
    if (!pending) {
      throw new SshError(
        'mux',
        `open reply for channel ${packet.recipientChannel}, which is not opening`,
      );
    }
    this.pendingOpens.delete(packet.recipientChannel);
    this.channels.delete(packet.recipientChannel);
    this.notifySettled();
    if (packet.type === 'SSH_MSG_CHANNEL_OPEN_FAILURE') this.keep();
    if (packet.type === 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION') {
      const { channel } = pending;
      this.channels.set(channel.localId, channel);
      channel.sessionSlot = pending.session;
      if (pending.session) this.throttle.confirmed(pending.probe);
      channel.opened(packet.senderChannel, packet.initialWindowSize, packet.maximumPacketSize);
      pending.resolve(channel);
      return;
    }
    this.updateReference();
    // sshd over MaxSessions answers "open failed" with reason CONNECT_FAILED
    // (serverloop.c, server_input_channel_open); other servers use
    // RESOURCE_SHORTAGE or ADMINISTRATIVELY_PROHIBITED. For a session all mean "not now".
    const lackOfSessions =
      pending.session &&
      (packet.reasonCode === SSH_OPEN_ADMINISTRATIVELY_PROHIBITED ||
        packet.reasonCode === SSH_OPEN_CONNECT_FAILED ||
        packet.reasonCode === SSH_OPEN_RESOURCE_SHORTAGE);
    // Refused with nothing of ours open or just closed: nothing to wait for,
    // so after a few tries the server means it.
    if (lackOfSessions && this.channels.size === 0 && !this.throttle.recentlyReleased) {
      pending.idleRefusals += 1;
    }
    if (pending.session) {
      const retry =
        !pending.spare && !this.stopping && pending.idleRefusals <= MAXIMUM_IDLE_REFUSALS;
      if (lackOfSessions && retry) {
        this.throttle.refused(pending.probe, pending.resend);
        return;
      }
      this.throttle.release();
    }
    if (this.stopping) {
      pending.reject(this.stopping);
      return;
    }
    const what = pending.session ? 'session' : 'channel';
    const why = packet.description || `reason ${packet.reasonCode}`;
    pending.reject(new SshError('remote', `the server refused to open a ${what}: ${why}`));
  }

  private acceptOpen(open: IncomingOpen): void {
    const accept = (): Channel => {
      const channel = this.newChannel();
      channel.opened(open.senderChannel, open.initialWindowSize, open.maximumPacketSize);
      this.channels.set(channel.localId, channel);
      this.updateReference();
      this.send(
        encodeProxyPacket({
          type: 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION',
          recipientChannel: open.senderChannel,
          senderChannel: channel.localId,
          initialWindowSize: channel.windowSize,
          maximumPacketSize: channel.maximumPacket,
          data: new Uint8Array(0),
        }),
      );
      return channel;
    };
    if (this.incomingOpen?.(open, accept)) return;
    this.send(
      encodeProxyPacket({
        type: 'SSH_MSG_CHANNEL_OPEN_FAILURE',
        recipientChannel: open.senderChannel,
        reasonCode: SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
        description: 'no handler for this channel here',
        languageTag: '',
      }),
    );
  }

  /** Hands a copy of the socket to a keeper once (see link-keeper.ts). */
  private keep(): void {
    if (this.kept) return;
    this.kept = true;
    this.keeper = spawnLinkKeeper(this.socket.shared, this.masterPid);
  }

  private newChannel(): Channel {
    return new Channel(this.allocateId(), this, this.sizes.windowSize, this.sizes.maximumPacket);
  }

  private allocateId(): number {
    // Ids are ours alone (the master translates them), so a counter that
    // skips live ids suffices.
    do {
      this.nextId = (this.nextId + 1) % 0x7fffffff;
    } while (this.channels.has(this.nextId));
    return this.nextId;
  }

  private settled(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      this.settledWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private notifySettled(): void {
    for (const waiter of this.settledWaiters.splice(0)) waiter();
  }

  /** An idle link must not keep the Node process alive; a busy one must. */
  private updateReference(): void {
    this.socket?.setReferenced(this.channels.size > 0);
  }
}

/** Refusals tolerated for one session open while none of ours is open to wait for. */
const MAXIMUM_IDLE_REFUSALS = 12;

function describePacket(packet: ProxyPacket): string {
  return packet.type === 'unknown' ? `type ${packet.messageNumber}` : packet.type;
}
