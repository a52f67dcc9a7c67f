import {
  SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
  encodeProxyPacket,
  type ChannelOpenPacket,
} from '@openssh-ts/mux-codec';
import type { Channel } from './channel.js';
import type { ChannelTable } from './channel-table.js';

/** An incoming channel open from the server (a remote forward's connection). */
export type IncomingOpen = ChannelOpenPacket;

/** Decides about an incoming channel open: a channel to confirm it with, or a refusal. */
export type IncomingOpenHandler = (open: IncomingOpen, accept: () => Channel) => boolean;

/** What answering the server's opens needs from the link. */
export interface AcceptingLink {
  readonly channels: ChannelTable;
  send(bytes: Uint8Array): boolean;
  /** The number of channels changed. */
  updateReference(): void;
}

/**
 * Answers a channel open from the server: confirmed with a new channel of
 * ours when `handler` accepts it, refused otherwise (also with no handler).
 */
export function answerIncomingOpen(
  open: IncomingOpen,
  handler: IncomingOpenHandler | undefined,
  link: AcceptingLink,
): void {
  const accept = (): Channel => {
    const channel = link.channels.create();
    channel.opened(open.senderChannel, open.initialWindowSize, open.maximumPacketSize);
    link.channels.add(channel);
    link.updateReference();
    link.send(
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
  if (handler?.(open, accept)) return;
  link.send(
    encodeProxyPacket({
      type: 'SSH_MSG_CHANNEL_OPEN_FAILURE',
      recipientChannel: open.senderChannel,
      reasonCode: SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
      description: 'no handler for this channel here',
      languageTag: '',
    }),
  );
}
