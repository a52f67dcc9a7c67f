// Our opens against a scripted link: what the server's answers do to them,
// without a socket or a master.
import {
  ProxyPacketDecoder,
  SSH_OPEN_CONNECT_FAILED,
  SSH_OPEN_UNKNOWN_CHANNEL_TYPE,
  type ProxyPacket,
} from '@openssh-ts/mux-codec';
import { SshError } from '@openssh-ts/session-core';
import { describe, expect, it, vi } from 'vitest';
import type { Channel, ChannelLink } from './channel.js';
import { ChannelOpens, type OpeningLink } from './channel-opens.js';
import { ChannelTable } from './channel-table.js';
import { RoundTripEstimate } from './round-trip-estimate.js';

class ScriptedLink implements OpeningLink, ChannelLink {
  readonly channels = new ChannelTable(this, { windowSize: 64 * 1024, maximumPacket: 32 * 1024 });
  readonly opens = new ChannelOpens(this);
  readonly sent: ProxyPacket[] = [];
  readonly roundTrip = new RoundTripEstimate();
  refusal: SshError | undefined;
  stopping: SshError | undefined;
  keeps = 0;
  private readonly decoder = new ProxyPacketDecoder();

  send(bytes: Uint8Array): boolean {
    this.sent.push(...this.decoder.push(bytes));
    return true;
  }

  whenDrained(callback: () => void): void {
    callback();
  }

  release(channel: Channel): void {
    this.channels.delete(channel.localId);
    this.opens.released(channel);
  }

  updateReference(): void {
    // Nothing to keep alive here.
  }

  notifySettled(): void {
    // Nobody waits here.
  }

  keep(): void {
    this.keeps += 1;
  }

  /** Our sender ids in the CHANNEL_OPENs sent, in order. */
  openIds(): number[] {
    return this.sent.flatMap((packet) =>
      packet.type === 'SSH_MSG_CHANNEL_OPEN' ? [packet.senderChannel] : [],
    );
  }

  /** Our sender id in the last CHANNEL_OPEN sent. */
  lastOpenId(): number {
    const id = this.openIds().at(-1);
    if (id === undefined) throw new Error('no open was sent');
    return id;
  }

  refuse(recipientChannel: number, reasonCode: number, description = ''): void {
    this.opens.answer({
      type: 'SSH_MSG_CHANNEL_OPEN_FAILURE',
      recipientChannel,
      reasonCode,
      description,
      languageTag: '',
    });
  }

  confirm(recipientChannel: number): void {
    this.opens.answer({
      type: 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION',
      recipientChannel,
      senderChannel: 900 + recipientChannel,
      initialWindowSize: 1024,
      maximumPacketSize: 1024,
      data: new Uint8Array(0),
    });
  }
}

const tunnel = {
  kind: 'direct-tcpip',
  host: '127.0.0.1',
  port: 22,
  originatorAddress: '127.0.0.1',
  originatorPort: 0,
} as const;

describe('ChannelOpens', () => {
  it('confirms a session into a channel with a session slot, and prepares a spare for the next', async () => {
    const link = new ScriptedLink();
    const opening = link.opens.openChannel({ kind: 'session' });
    // The first command enables the spare, whose open leaves first.
    const [spareId, ownId] = link.openIds();
    expect(link.opens.unanswered).toBe(2);
    link.confirm(ownId!);
    const channel = await opening;
    expect(channel.localId).toBe(ownId);
    expect(channel.remoteId).toBe(900 + ownId!);
    expect(channel.sessionSlot).toBe(true);
    expect(link.channels.get(ownId!)).toBe(channel);
    link.confirm(spareId!);
    expect(link.opens.unanswered).toBe(0);
    // The spare is put aside once its open's promise settles.
    await new Promise((resolve) => setImmediate(resolve));
    const next = await link.opens.openChannel({ kind: 'session' });
    expect(next.localId).toBe(spareId);
    // Nothing was sent for this command; the one open is the next spare.
    expect(link.openIds()).toHaveLength(3);
    expect(link.opens.unanswered).toBe(1);
    expect(link.keeps).toBe(0);
  });

  it('sends a session refused for lack of sessions again once a slot of ours is free', async () => {
    const link = new ScriptedLink();
    const opening = link.opens.openChannel({ kind: 'session' });
    const [spareId, ownId] = link.openIds();
    link.refuse(ownId!, SSH_OPEN_CONNECT_FAILED);
    // The master now holds a channel without a remote id: leaving would kill it.
    expect(link.keeps).toBe(1);
    // A spare is never retried; its slot goes to the waiting open.
    link.refuse(spareId!, SSH_OPEN_CONNECT_FAILED);
    await vi.waitFor(() => expect(link.openIds()).toHaveLength(3));
    expect(link.lastOpenId()).toBe(ownId);
    link.confirm(ownId!);
    await expect(opening).resolves.toMatchObject({ localId: ownId, sessionSlot: true });
  });

  it('rejects a refused tunnel at once, with the server’s reason', async () => {
    const link = new ScriptedLink();
    const opening = link.opens.openChannel(tunnel);
    expect(link.openIds()).toHaveLength(1);
    link.refuse(link.lastOpenId(), SSH_OPEN_CONNECT_FAILED, 'Connection refused');
    await expect(opening).rejects.toMatchObject({
      kind: 'remote',
      message: 'the server refused to open a channel: Connection refused',
    });
    expect(link.channels.size).toBe(0);
    expect(link.opens.unanswered).toBe(0);
  });

  it('gives up on a session the server refuses for another reason', async () => {
    const link = new ScriptedLink();
    const opening = link.opens.openChannel({ kind: 'session' });
    link.refuse(link.lastOpenId(), SSH_OPEN_UNKNOWN_CHANNEL_TYPE);
    await expect(opening).rejects.toMatchObject({
      kind: 'remote',
      message: `the server refused to open a session: reason ${SSH_OPEN_UNKNOWN_CHANNEL_TYPE}`,
    });
  });

  it('rejects with the link’s reason for leaving once it is stopping', async () => {
    const link = new ScriptedLink();
    const opening = link.opens.openChannel({ kind: 'session' });
    const leaving = new SshError('disconnected', 'leaving');
    link.stopping = leaving;
    link.opens.stop();
    link.refuse(link.lastOpenId(), SSH_OPEN_CONNECT_FAILED);
    await expect(opening).rejects.toBe(leaving);
    link.refusal = leaving;
    await expect(link.opens.openChannel({ kind: 'session' })).rejects.toBe(leaving);
  });

  it('fails every unanswered open with the link', async () => {
    const link = new ScriptedLink();
    const openings = [link.opens.openChannel({ kind: 'session' }), link.opens.openChannel(tunnel)];
    const lost = new SshError('disconnected', 'gone');
    link.refusal = lost;
    link.opens.fail(lost);
    for (const opening of openings) await expect(opening).rejects.toBe(lost);
    expect(link.opens.unanswered).toBe(0);
  });

  it('treats an answer for a channel that is not opening as a protocol violation', () => {
    const link = new ScriptedLink();
    expect(() => link.confirm(7)).toThrow(
      new SshError('mux', 'open reply for channel 7, which is not opening'),
    );
  });
});
