import {
  ProxyPacketDecoder,
  encodeProxyPacket,
  type ChannelOpenType,
  type Encodable,
  type GlobalRequest,
  type ProxyPacket,
} from '@openssh-ts/mux-codec';
import { SshError, trace } from '@openssh-ts/session-core';
import type { Channel, ChannelLink } from './channel.js';
import { RoundTripEstimate } from './round-trip-estimate.js';
import { ChannelOpens, type OpeningLink } from './channel-opens.js';
import { ChannelTable, type ChannelSizes } from './channel-table.js';
import { answerIncomingOpen, type IncomingOpenHandler } from './incoming-open.js';
import { MuxControl, decodeAll, unexpectedReply } from './mux-control.js';
import { spawnLinkKeeper, type LinkKeeper } from './link-keeper.js';
import { ownDisconnect } from './own-disconnect.js';
import type { FrameHandler, MuxSocket } from './mux-socket.js';

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
export class ProxyLink implements FrameHandler, ChannelLink, OpeningLink {
  private readonly decoder = new ProxyPacketDecoder();
  /** The channels, opening and open. */
  readonly channels: ChannelTable;
  private readonly opens = new ChannelOpens(this);
  readonly roundTrip = new RoundTripEstimate();
  private readonly settledWaiters: (() => void)[] = [];
  private failure: SshError | undefined;
  private stopReason: SshError | undefined;
  /** Whether a link keeper holds a copy of the socket. */
  private kept = false;
  private keeper: LinkKeeper | undefined;
  private socket!: MuxSocket;
  /** Handles server-initiated opens (remote forwards); refused when unset. */
  incomingOpen: IncomingOpenHandler | undefined;

  private constructor(
    readonly sizes: ChannelSizes,
    private readonly masterPid: number,
  ) {
    this.channels = new ChannelTable(this, sizes);
  }

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

  /** Why the link is leaving (a shutdown began), if it is. */
  get stopping(): SshError | undefined {
    return this.stopReason;
  }

  /** Why nothing may be opened now: the link failed or is leaving. */
  get refusal(): SshError | undefined {
    return this.failure ?? this.stopReason;
  }

  /** Opens a channel; see {@link ChannelOpens.openChannel}. */
  openChannel(open: Encodable<ChannelOpenType>): Promise<Channel> {
    return this.opens.openChannel(open);
  }

  /** Resolves once the server has answered a packet sent now (all it got before is done). */
  barrier(): Promise<void> {
    return this.opens.barrier();
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
    this.stopReason = ownDisconnect('the transport was detached');
    this.opens.stop();
    while (!this.failure && this.opens.unanswered > 0 && Date.now() < deadline) {
      await this.settled(deadline);
    }
    if (this.failure) return;
    for (const channel of this.channels.values()) channel.close();
    this.abandoning();
    // A kept link is closed, not shut down: that would end the keeper's copy too.
    this.socket.leave(this.stopReason, !this.kept);
  }

  /** We are about to drop the socket: unanswered opens would kill the master, so keep it then. */
  abandoning(): void {
    if (this.opens.unanswered > 0) this.keep();
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
    trace('channel', () => `#${channel.localId} closed`);
    this.opens.released(channel);
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
        this.opens.answer(packet);
        return false;
      case 'SSH_MSG_CHANNEL_OPEN':
        answerIncomingOpen(packet, this.incomingOpen, this);
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
        return this.channels.recipient(packet).receive(packet);
      case 'SSH_MSG_GLOBAL_REQUEST':
      case 'unknown':
        // The master forwards neither to a proxy client; anything else is out of protocol.
        throw new SshError('mux', `unexpected proxy packet ${describePacket(packet)}`);
    }
  }

  closed(error: SshError): void {
    this.fail(error);
  }

  private fail(error: SshError): void {
    if (this.failure) return;
    this.failure = error;
    this.opens.fail(error);
    for (const channel of [...this.channels.values()]) channel.linkLost(error);
    this.channels.clear();
    this.notifySettled();
  }

  /** Hands a copy of the socket to a keeper once (see link-keeper.ts). */
  keep(): void {
    if (this.kept) return;
    this.kept = true;
    this.keeper = spawnLinkKeeper(this.socket.shared, this.masterPid);
  }

  /** Wakes a shutdown waiting for opens to be answered. */
  notifySettled(): void {
    for (const waiter of this.settledWaiters.splice(0)) waiter();
  }

  /** An idle link must not keep the Node process alive; a busy one must. */
  updateReference(): void {
    this.socket?.setReferenced(this.channels.size > 0);
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
}

function describePacket(packet: ProxyPacket): string {
  return packet.type === 'unknown' ? `type ${packet.messageNumber}` : packet.type;
}
