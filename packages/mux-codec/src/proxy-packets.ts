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
  | {
      /** Ask the server to listen on a TCP port and forward connections back (RFC 4254 §7.1). */
      readonly kind: 'tcpip-forward';
      /** Address for the server to bind; `''` means all its addresses, `localhost` loopback only. */
      readonly bindAddress: string;
      /** Port for the server to bind (0–65535); 0 lets it choose, answered by {@link readBoundPort}. */
      readonly bindPort: number;
    }
  | {
      /** Stop a `tcpip-forward` (RFC 4254 §7.1). */
      readonly kind: 'cancel-tcpip-forward';
      /** The `bindAddress` the forward was requested with. */
      readonly bindAddress: string;
      /** The port to stop listening on. */
      readonly bindPort: number;
    }
  | {
      /** Ask the server to listen on a Unix socket (OpenSSH PROTOCOL §2.4). */
      readonly kind: 'streamlocal-forward@openssh.com';
      /** Path of the socket on the server. */
      readonly socketPath: string;
    }
  | {
      /** Stop a `streamlocal-forward@openssh.com` (OpenSSH PROTOCOL §2.4). */
      readonly kind: 'cancel-streamlocal-forward@openssh.com';
      /** Path the forward was requested with. */
      readonly socketPath: string;
    }
  | {
      /** A request name this package does not decode. */
      readonly kind: 'unknown';
      /** The request name as received. */
      readonly name: string;
      /** Request-specific bytes after `want reply`, as a view. */
      readonly data: Uint8Array;
    };

/** Type-specific part of SSH_MSG_CHANNEL_OPEN (RFC 4254 §6.1, §7.1, §7.2; OpenSSH PROTOCOL §2.4). */
export type ChannelOpenType =
  | {
      /** A session channel for exec, shell or subsystem (RFC 4254 §6.1); no extra fields. */
      readonly kind: 'session';
    }
  | {
      /** Client asks the server to connect to a TCP host and port (`-L`, RFC 4254 §7.2). */
      readonly kind: 'direct-tcpip';
      /** Host for the server to connect to, resolved by the server. */
      readonly host: string;
      /** TCP port for the server to connect to (0–65535). */
      readonly port: number;
      /** Address of the local peer whose connection this channel carries (informational). */
      readonly originatorAddress: string;
      /** Port of that local peer (0–65535). */
      readonly originatorPort: number;
    }
  | {
      /** Server reports a connection to a remote-forwarded TCP port (`-R`, RFC 4254 §7.2). */
      readonly kind: 'forwarded-tcpip';
      /** Address the connection arrived on, as in the `tcpip-forward` request. */
      readonly connectedAddress: string;
      /** Port the connection arrived on (the bound port). */
      readonly connectedPort: number;
      /** Address of the remote peer that connected. */
      readonly originatorAddress: string;
      /** Port of the remote peer that connected (0–65535). */
      readonly originatorPort: number;
    }
  | {
      /** Client asks the server to connect to a Unix socket (OpenSSH PROTOCOL §2.4). */
      readonly kind: 'direct-streamlocal@openssh.com';
      /** Path of the socket on the server. */
      readonly socketPath: string;
      /** The two reserved fields; empty and 0 when omitted. */
      readonly reserved?: string;
      /** Second reserved field (uint32), ignored by OpenSSH; 0 when omitted. */
      readonly reservedNumber?: number;
    }
  | {
      /** Server reports a connection to a remote-forwarded Unix socket (OpenSSH PROTOCOL §2.4). */
      readonly kind: 'forwarded-streamlocal@openssh.com';
      /** Path of the listening socket on the server. */
      readonly socketPath: string;
      /** Reserved string, ignored by OpenSSH; empty when omitted. */
      readonly reserved?: string;
    }
  | {
      /** A channel type this package does not decode. */
      readonly kind: 'unknown';
      /** The channel type name as received. */
      readonly name: string;
      /** Type-specific bytes after the maximum packet size, as a view. */
      readonly data: Uint8Array;
    };

/** Window dimensions shared by `pty-req` and `window-change`. */
export interface WindowDimensions {
  /** Terminal width in columns (uint32). */
  readonly widthCharacters: number;
  /** Terminal height in rows (uint32). */
  readonly heightRows: number;
  /** Width in pixels, 0 when unknown; the character sizes take precedence (RFC 4254 §6.2). */
  readonly widthPixels: number;
  /** Height in pixels, 0 when unknown. */
  readonly heightPixels: number;
}

/** Type-specific part of SSH_MSG_CHANNEL_REQUEST (RFC 4254 §6; OpenSSH PROTOCOL §2.1, §2.5). */
export type ChannelRequest =
  | {
      /** Run a command (RFC 4254 §6.5). */
      readonly kind: 'exec';
      /** Command line, run by the remote user's shell. */
      readonly command: string;
    }
  | {
      /** Start a subsystem such as `sftp` (RFC 4254 §6.5). */
      readonly kind: 'subsystem';
      /** Subsystem name, e.g. `sftp`. */
      readonly name: string;
    }
  | {
      /** Start the user's login shell (RFC 4254 §6.5). */
      readonly kind: 'shell';
    }
  | {
      /** Set an environment variable before exec/shell (RFC 4254 §6.4); sshd honours only `AcceptEnv` names. */
      readonly kind: 'env';
      /** Variable name. */
      readonly name: string;
      /** Variable value. */
      readonly value: string;
    }
  | ({
      /** Allocate a pseudo-terminal (RFC 4254 §6.2). */
      readonly kind: 'pty-req';
      /** TERM, e.g. `xterm-256color`. */
      readonly terminalType: string;
      /** Modes to set on the pty, in order; empty leaves the server's defaults. */
      readonly terminalModes: readonly TerminalMode[];
    } & WindowDimensions)
  | ({
      /** The client's terminal was resized (RFC 4254 §6.7); sent without want reply. */
      readonly kind: 'window-change';
    } & WindowDimensions)
  | {
      /** Deliver a signal to the remote process (RFC 4254 §6.9). */
      readonly kind: 'signal';
      /** Without `SIG`, e.g. `TERM`. */
      readonly signalName: string;
    }
  | {
      /** The remote command exited normally (RFC 4254 §6.10). */
      readonly kind: 'exit-status';
      /** Its exit status (uint32). */
      readonly exitStatus: number;
    }
  | {
      /** The remote command was killed by a signal (RFC 4254 §6.10). */
      readonly kind: 'exit-signal';
      /** Without `SIG`, e.g. `KILL`. */
      readonly signalName: string;
      /** Whether the process dumped core. */
      readonly coreDumped: boolean;
      /** Human-readable text from the server, often empty. */
      readonly errorMessage: string;
      /** RFC 3066 language tag of `errorMessage`, often empty. */
      readonly languageTag: string;
    }
  | {
      /** Server tells whether the client may do flow control locally (RFC 4254 §6.8). */
      readonly kind: 'xon-xoff';
      /** True when the client may handle Ctrl-S/Ctrl-Q itself. */
      readonly clientCanDo: boolean;
    }
  | {
      /** OpenSSH liveness probe (`ServerAliveInterval`), sent with want reply: any reply proves the peer alive. */
      readonly kind: 'keepalive@openssh.com';
    }
  | {
      /** End of write: no more data will be sent on the channel (OpenSSH PROTOCOL §2.1). */
      readonly kind: 'eow@openssh.com';
    }
  | {
      /** A request name this package does not decode. */
      readonly kind: 'unknown';
      /** The request name as received. */
      readonly name: string;
      /** Request-specific bytes after `want reply`, as a view. */
      readonly data: Uint8Array;
    };

/** SSH_MSG_GLOBAL_REQUEST. The master forwards only `tcpip-forward` from a proxy client. */
export interface GlobalRequestPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_GLOBAL_REQUEST';
  /** Whether the sender asks for a success/failure reply. */
  readonly wantReply: boolean;
  /** The request name and its fields. */
  readonly request: GlobalRequest;
}

/** SSH_MSG_REQUEST_SUCCESS; `data` is request-specific (see {@link readBoundPort}). */
export interface RequestSuccessPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_REQUEST_SUCCESS';
  /** Request-specific bytes, as a view; for `tcpip-forward` of port 0, the bound port. */
  readonly data: Uint8Array;
}

/** SSH_MSG_REQUEST_FAILURE. */
export interface RequestFailurePacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_REQUEST_FAILURE';
}

/** SSH_MSG_CHANNEL_OPEN. */
export interface ChannelOpenPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_OPEN';
  /** The opener's channel number (uint32), which the peer puts in `recipientChannel`. */
  readonly senderChannel: number;
  /** Bytes the peer may send before the opener grants more with a window adjust. */
  readonly initialWindowSize: number;
  /** Largest data payload, in bytes, the opener accepts in one packet. */
  readonly maximumPacketSize: number;
  /** Channel type and its type-specific fields. */
  readonly channel: ChannelOpenType;
}

/** SSH_MSG_CHANNEL_OPEN_CONFIRMATION; `data` is channel-type specific (empty for all types here). */
export interface ChannelOpenConfirmationPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
  /** The confirmer's own channel number (uint32). */
  readonly senderChannel: number;
  /** Bytes the opener may send before the confirmer grants more. */
  readonly initialWindowSize: number;
  /** Largest data payload, in bytes, the confirmer accepts in one packet. */
  readonly maximumPacketSize: number;
  /** Type-specific bytes after the packet size, as a view. */
  readonly data: Uint8Array;
}

/** SSH_MSG_CHANNEL_OPEN_FAILURE; `reasonCode` is one of the `SSH_OPEN_*` constants. */
export interface ChannelOpenFailurePacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_OPEN_FAILURE';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
  /** Why (uint32), e.g. {@link SSH_OPEN_CONNECT_FAILED}. */
  readonly reasonCode: number;
  /** Human-readable text from the peer. */
  readonly description: string;
  /** RFC 3066 language tag of `description`, often empty. */
  readonly languageTag: string;
}

/** SSH_MSG_CHANNEL_WINDOW_ADJUST. */
export interface ChannelWindowAdjustPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_WINDOW_ADJUST';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
  /** Bytes (uint32) added to the window the sender of this packet grants. */
  readonly bytesToAdd: number;
}

/** SSH_MSG_CHANNEL_DATA; `data` is a view into the received bytes, never a copy. */
export interface ChannelDataPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_DATA';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
  /** The bytes; they count against the receiver's window. */
  readonly data: Uint8Array;
}

/** SSH_MSG_CHANNEL_EXTENDED_DATA; `dataTypeCode` 1 is stderr. `data` is a view. */
export interface ChannelExtendedDataPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_EXTENDED_DATA';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
  /** Which stream (uint32); {@link SSH_EXTENDED_DATA_STDERR} (1) is the only one defined. */
  readonly dataTypeCode: number;
  /** The bytes; they count against the receiver's window. */
  readonly data: Uint8Array;
}

/** SSH_MSG_CHANNEL_EOF. */
export interface ChannelEofPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_EOF';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
}

/** SSH_MSG_CHANNEL_CLOSE. */
export interface ChannelClosePacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_CLOSE';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
}

/** SSH_MSG_CHANNEL_REQUEST. Unknown requests decode as `kind: 'unknown'`. */
export interface ChannelRequestPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_REQUEST';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
  /** Whether the sender asks for a success/failure reply. */
  readonly wantReply: boolean;
  /** The request name and its fields. */
  readonly request: ChannelRequest;
}

/** SSH_MSG_CHANNEL_SUCCESS. */
export interface ChannelSuccessPacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_SUCCESS';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
}

/** SSH_MSG_CHANNEL_FAILURE. */
export interface ChannelFailurePacket {
  /** Discriminant: the RFC's message name. */
  readonly type: 'SSH_MSG_CHANNEL_FAILURE';
  /** The receiver's channel number (its `senderChannel` from the open exchange). */
  readonly recipientChannel: number;
}

/** A packet of a type this package does not decode: kept, not rejected. */
export interface UnknownPacket {
  /** Discriminant: a message number this package does not decode. */
  readonly type: 'unknown';
  /** The packet's message number byte (0–255). */
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
