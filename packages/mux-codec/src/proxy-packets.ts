/**
 * SSH connection-protocol messages (RFC 4254) as carried in mux proxy mode,
 * both directions, as a discriminated union on `type`, whose values are the
 * RFC's names. Channel numbers are the proxy client's own: the master
 * translates them (channels.c, `channel_proxy_downstream/upstream`).
 *
 * @module
 */

import type { TerminalMode } from './terminal-modes.js';

/** Type-specific part of SSH_MSG_GLOBAL_REQUEST. */
export type GlobalRequest =
  | { readonly kind: 'tcpip-forward'; readonly bindAddress: string; readonly bindPort: number }
  | {
      readonly kind: 'cancel-tcpip-forward';
      readonly bindAddress: string;
      readonly bindPort: number;
    }
  | { readonly kind: 'streamlocal-forward@openssh.com'; readonly socketPath: string }
  | { readonly kind: 'cancel-streamlocal-forward@openssh.com'; readonly socketPath: string }
  | { readonly kind: 'unknown'; readonly name: string; readonly data: Uint8Array };

/** Type-specific part of SSH_MSG_CHANNEL_OPEN (RFC 4254 §6.1, §7.1, §7.2; OpenSSH PROTOCOL §2.4). */
export type ChannelOpenType =
  | { readonly kind: 'session' }
  | {
      readonly kind: 'direct-tcpip';
      readonly host: string;
      readonly port: number;
      readonly originatorAddress: string;
      readonly originatorPort: number;
    }
  | {
      readonly kind: 'forwarded-tcpip';
      readonly connectedAddress: string;
      readonly connectedPort: number;
      readonly originatorAddress: string;
      readonly originatorPort: number;
    }
  | {
      readonly kind: 'direct-streamlocal@openssh.com';
      readonly socketPath: string;
      /** The two reserved fields; empty and 0 when omitted. */
      readonly reserved?: string;
      readonly reservedNumber?: number;
    }
  | {
      readonly kind: 'forwarded-streamlocal@openssh.com';
      readonly socketPath: string;
      readonly reserved?: string;
    }
  | { readonly kind: 'unknown'; readonly name: string; readonly data: Uint8Array };

/** Window dimensions shared by `pty-req` and `window-change`. */
export interface WindowDimensions {
  readonly widthCharacters: number;
  readonly heightRows: number;
  readonly widthPixels: number;
  readonly heightPixels: number;
}

/** Type-specific part of SSH_MSG_CHANNEL_REQUEST (RFC 4254 §6; OpenSSH PROTOCOL §2.1, §2.5). */
export type ChannelRequest =
  | { readonly kind: 'exec'; readonly command: string }
  | { readonly kind: 'subsystem'; readonly name: string }
  | { readonly kind: 'shell' }
  | { readonly kind: 'env'; readonly name: string; readonly value: string }
  | ({
      readonly kind: 'pty-req';
      /** TERM, e.g. `xterm-256color`. */
      readonly terminalType: string;
      readonly terminalModes: readonly TerminalMode[];
    } & WindowDimensions)
  | ({ readonly kind: 'window-change' } & WindowDimensions)
  | { readonly kind: 'signal'; /** Without `SIG`, e.g. `TERM`. */ readonly signalName: string }
  | { readonly kind: 'exit-status'; readonly exitStatus: number }
  | {
      readonly kind: 'exit-signal';
      readonly signalName: string;
      readonly coreDumped: boolean;
      readonly errorMessage: string;
      readonly languageTag: string;
    }
  | { readonly kind: 'xon-xoff'; readonly clientCanDo: boolean }
  | { readonly kind: 'keepalive@openssh.com' }
  | { readonly kind: 'eow@openssh.com' }
  | { readonly kind: 'unknown'; readonly name: string; readonly data: Uint8Array };

/** SSH_MSG_GLOBAL_REQUEST. The master forwards only `tcpip-forward` from a proxy client. */
export interface GlobalRequestPacket {
  readonly type: 'SSH_MSG_GLOBAL_REQUEST';
  readonly wantReply: boolean;
  readonly request: GlobalRequest;
}

/** SSH_MSG_REQUEST_SUCCESS; `data` is request-specific (see {@link readBoundPort}). */
export interface RequestSuccessPacket {
  readonly type: 'SSH_MSG_REQUEST_SUCCESS';
  readonly data: Uint8Array;
}

/** SSH_MSG_REQUEST_FAILURE. */
export interface RequestFailurePacket {
  readonly type: 'SSH_MSG_REQUEST_FAILURE';
}

/** SSH_MSG_CHANNEL_OPEN. */
export interface ChannelOpenPacket {
  readonly type: 'SSH_MSG_CHANNEL_OPEN';
  readonly senderChannel: number;
  readonly initialWindowSize: number;
  readonly maximumPacketSize: number;
  readonly channel: ChannelOpenType;
}

/** SSH_MSG_CHANNEL_OPEN_CONFIRMATION; `data` is channel-type specific (empty for all types here). */
export interface ChannelOpenConfirmationPacket {
  readonly type: 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION';
  readonly recipientChannel: number;
  readonly senderChannel: number;
  readonly initialWindowSize: number;
  readonly maximumPacketSize: number;
  readonly data: Uint8Array;
}

/** SSH_MSG_CHANNEL_OPEN_FAILURE; `reasonCode` is one of the `SSH_OPEN_*` constants. */
export interface ChannelOpenFailurePacket {
  readonly type: 'SSH_MSG_CHANNEL_OPEN_FAILURE';
  readonly recipientChannel: number;
  readonly reasonCode: number;
  readonly description: string;
  readonly languageTag: string;
}

/** SSH_MSG_CHANNEL_WINDOW_ADJUST. */
export interface ChannelWindowAdjustPacket {
  readonly type: 'SSH_MSG_CHANNEL_WINDOW_ADJUST';
  readonly recipientChannel: number;
  readonly bytesToAdd: number;
}

/** SSH_MSG_CHANNEL_DATA; `data` is a view into the received bytes, never a copy. */
export interface ChannelDataPacket {
  readonly type: 'SSH_MSG_CHANNEL_DATA';
  readonly recipientChannel: number;
  readonly data: Uint8Array;
}

/** SSH_MSG_CHANNEL_EXTENDED_DATA; `dataTypeCode` 1 is stderr. `data` is a view. */
export interface ChannelExtendedDataPacket {
  readonly type: 'SSH_MSG_CHANNEL_EXTENDED_DATA';
  readonly recipientChannel: number;
  readonly dataTypeCode: number;
  readonly data: Uint8Array;
}

/** SSH_MSG_CHANNEL_EOF. */
export interface ChannelEofPacket {
  readonly type: 'SSH_MSG_CHANNEL_EOF';
  readonly recipientChannel: number;
}

/** SSH_MSG_CHANNEL_CLOSE. */
export interface ChannelClosePacket {
  readonly type: 'SSH_MSG_CHANNEL_CLOSE';
  readonly recipientChannel: number;
}

/** SSH_MSG_CHANNEL_REQUEST. Unknown requests decode as `kind: 'unknown'`. */
export interface ChannelRequestPacket {
  readonly type: 'SSH_MSG_CHANNEL_REQUEST';
  readonly recipientChannel: number;
  readonly wantReply: boolean;
  readonly request: ChannelRequest;
}

/** SSH_MSG_CHANNEL_SUCCESS. */
export interface ChannelSuccessPacket {
  readonly type: 'SSH_MSG_CHANNEL_SUCCESS';
  readonly recipientChannel: number;
}

/** SSH_MSG_CHANNEL_FAILURE. */
export interface ChannelFailurePacket {
  readonly type: 'SSH_MSG_CHANNEL_FAILURE';
  readonly recipientChannel: number;
}

/** A packet of a type this package does not decode: kept, not rejected. */
export interface UnknownPacket {
  readonly type: 'unknown';
  readonly messageNumber: number;
  /** Everything after the message number, as a view. */
  readonly payload: Uint8Array;
}

/** Every proxy-mode packet, both directions. */
export type ProxyPacket =
  | GlobalRequestPacket
  | RequestSuccessPacket
  | RequestFailurePacket
  | ChannelOpenPacket
  | ChannelOpenConfirmationPacket
  | ChannelOpenFailurePacket
  | ChannelWindowAdjustPacket
  | ChannelDataPacket
  | ChannelExtendedDataPacket
  | ChannelEofPacket
  | ChannelClosePacket
  | ChannelRequestPacket
  | ChannelSuccessPacket
  | ChannelFailurePacket
  | UnknownPacket;
