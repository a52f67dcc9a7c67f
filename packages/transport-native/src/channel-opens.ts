import {
  SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
  SSH_OPEN_CONNECT_FAILED,
  SSH_OPEN_RESOURCE_SHORTAGE,
  encodeProxyPacket,
  type ChannelOpenType,
  type Encodable,
  type ProxyPacket,
} from '@openssh-ts/mux-codec';
import { SshError, trace } from '@openssh-ts/session-core';
import type { Channel } from './channel.js';
import type { ChannelTable } from './channel-table.js';
import { SessionThrottle } from './session-throttle.js';
import { SpareSession, type SpareSource } from './spare-session.js';

/** The server's answer to one of our opens. */
export type OpenAnswer = Extract<
  ProxyPacket,
  { type: 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION' | 'SSH_MSG_CHANNEL_OPEN_FAILURE' }
>;

/** What our opens need from the link under them. */
export interface OpeningLink {
  readonly channels: ChannelTable;
  /** Why nothing may be opened now: the link failed or is leaving. */
  readonly refusal: SshError | undefined;
  /** Why the link is leaving, once it is: a refusal is then final. */
  readonly stopping: SshError | undefined;
  send(bytes: Uint8Array): boolean;
  /** The number of channels changed. */
  updateReference(): void;
  /** An open was answered; a shutdown may be waiting for that. */
  notifySettled(): void;
  /** A refused open makes leaving fatal to the master: see link-keeper.ts. */
  keep(): void;
}

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
 * The channel opens we send, from the request to the server's answer.
 * Session opens go through the MaxSessions {@link SessionThrottle} and are
 * sent again when the server refuses them for lack of sessions; a
 * {@link SpareSession} opened ahead of need serves a command when there is one.
 */
export class ChannelOpens implements SpareSource {
  private readonly pending = new Map<number, PendingOpen>();
  private readonly throttle = new SessionThrottle();
  private readonly spareSession: SpareSession = new SpareSession(this);

  constructor(private readonly link: OpeningLink) {}

  /**
   * Opens a channel. Session channels go through the MaxSessions throttle
   * and are retried when the server refuses them for lack of sessions; a
   * spare session opened ahead of need is used when there is one.
   */
  openChannel(open: Encodable<ChannelOpenType>): Promise<Channel> {
    if (open.kind === 'session' && !this.link.refusal) {
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

  /** How many opens the server has not answered yet. */
  get unanswered(): number {
    return this.pending.size;
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

  /** A channel of ours was released: the session slot it held, if any, is free. */
  released(channel: Channel): void {
    if (channel.sessionSlot) {
      this.throttle.release();
      this.spareSession.refill();
    }
  }

  /** The link is leaving: no more spares, and opens waiting for a slot go now, to settle. */
  stop(): void {
    this.spareSession.stop();
    this.throttle.flush();
  }

  /** The link failed: every unanswered or waiting open fails with `error`. */
  fail(error: SshError): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.throttle.flush();
  }

  /** Takes the server's answer to one of our opens. */
  answer(packet: OpenAnswer): void {
    const { channels } = this.link;
    const pending = this.pending.get(packet.recipientChannel);
    if (!pending) {
      throw new SshError(
        'mux',
        `open reply for channel ${packet.recipientChannel}, which is not opening`,
      );
    }
    this.pending.delete(packet.recipientChannel);
    channels.delete(packet.recipientChannel);
    trace('channel', () =>
      packet.type === 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION'
        ? `#${packet.recipientChannel} opened (server channel ${packet.senderChannel}, window ${packet.initialWindowSize})`
        : `#${packet.recipientChannel} open refused: reason ${packet.reasonCode} ${packet.description}`,
    );
    this.link.notifySettled();
    if (packet.type === 'SSH_MSG_CHANNEL_OPEN_FAILURE') this.link.keep();
    if (packet.type === 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION') {
      const { channel } = pending;
      channels.add(channel);
      channel.sessionSlot = pending.session;
      if (pending.session) this.throttle.confirmed(pending.probe);
      channel.opened(packet.senderChannel, packet.initialWindowSize, packet.maximumPacketSize);
      pending.resolve(channel);
      return;
    }
    this.link.updateReference();
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
    if (lackOfSessions && channels.size === 0 && !this.throttle.recentlyReleased) {
      pending.idleRefusals += 1;
    }
    const { stopping } = this.link;
    if (pending.session) {
      const retry = !pending.spare && !stopping && pending.idleRefusals <= MAXIMUM_IDLE_REFUSALS;
      if (lackOfSessions && retry) {
        trace(
          'retry',
          () =>
            `session open #${packet.recipientChannel} refused for lack of sessions (MaxSessions); sent again when a slot frees`,
        );
        this.throttle.refused(pending.probe, pending.resend);
        return;
      }
      this.throttle.release();
    }
    if (stopping) {
      pending.reject(stopping);
      return;
    }
    const what = pending.session ? 'session' : 'channel';
    const why = packet.description || `reason ${packet.reasonCode}`;
    pending.reject(new SshError('remote', `the server refused to open a ${what}: ${why}`));
  }

  private open(open: Encodable<ChannelOpenType>, spare: boolean): Promise<Channel> {
    const refusal = this.link.refusal;
    if (refusal) return Promise.reject(refusal);
    const session = open.kind === 'session';
    return new Promise((resolve, reject) => {
      const start = (probe = false): void => {
        const refusal = this.link.refusal;
        if (refusal) {
          if (session) this.throttle.release();
          reject(refusal);
          return;
        }
        const channel = this.link.channels.create();
        const pending: PendingOpen = {
          channel,
          session,
          spare,
          resolve,
          reject,
          idleRefusals: 0,
          probe,
          resend: (again: boolean): void => {
            const refusal = this.link.refusal;
            if (refusal) {
              this.throttle.release();
              reject(refusal);
              return;
            }
            pending.probe = again;
            this.send(pending, open);
          },
        };
        this.send(pending, open);
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

  private send(pending: PendingOpen, open: Encodable<ChannelOpenType>): void {
    const { channel } = pending;
    this.link.channels.add(channel);
    this.pending.set(channel.localId, pending);
    this.link.updateReference();
    trace(
      'channel',
      () => `#${channel.localId} open ${open.kind}${pending.spare ? ' (spare)' : ''}`,
    );
    this.link.send(
      encodeProxyPacket({
        type: 'SSH_MSG_CHANNEL_OPEN',
        senderChannel: channel.localId,
        initialWindowSize: channel.windowSize,
        maximumPacketSize: channel.maximumPacket,
        channel: open,
      }),
    );
  }
}

/** Refusals tolerated for one session open while none of ours is open to wait for. */
const MAXIMUM_IDLE_REFUSALS = 12;
