/**
 * Messages of the OpenSSH mux protocol v4 (`PROTOCOL.mux`), both directions,
 * as a discriminated union on `type`, whose values are the spec's names.
 * Client requests carry a `requestId` that the master echoes in its reply.
 *
 * @module
 */

/** One name/value extension of {@link MuxHello}. */
export interface MuxHelloExtension {
  readonly name: string;
  readonly value: string;
}

/** `MUX_MSG_HELLO`: sent first by both sides. The master refuses any version but 4. */
export interface MuxHello {
  readonly type: 'MUX_MSG_HELLO';
  readonly version: number;
  /** OpenSSH 9.x masters send none; newer ones announce `info`. */
  readonly extensions: readonly MuxHelloExtension[];
}

/**
 * Either end of a forward: a TCP host and port, or a Unix socket path (sent
 * as the host, with port {@link PORT_STREAMLOCAL}).
 */
export type ForwardEndpoint =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'unix'; readonly path: string };

/** `-L`, `-R` or `-D`: `MUX_FWD_LOCAL`, `MUX_FWD_REMOTE`, `MUX_FWD_DYNAMIC` on the wire. */
export type ForwardType = 'local' | 'remote' | 'dynamic';

/** `MUX_C_NEW_SESSION`: a passenger session (stdio descriptors follow out of band). */
export interface MuxNewSession {
  readonly type: 'MUX_C_NEW_SESSION';
  readonly requestId: number;
  /** Ignored by the master; empty when omitted. */
  readonly reserved?: string;
  readonly wantTty: boolean;
  readonly wantX11Forwarding: boolean;
  readonly wantAgentForwarding: boolean;
  /** Whether `command` names a subsystem. */
  readonly subsystem: boolean;
  /** Escape character, or 0xffffffff for none. */
  readonly escapeCharacter: number;
  readonly terminalType: string;
  readonly command: string;
  /** `NAME=value` strings. */
  readonly environment: readonly string[];
}

/** `MUX_C_ALIVE_CHECK`: answered with {@link MuxAlive}. */
export interface MuxAliveCheck {
  readonly type: 'MUX_C_ALIVE_CHECK';
  readonly requestId: number;
}

/** `MUX_C_TERMINATE`: answered with `MUX_S_OK` or `MUX_S_PERMISSION_DENIED`. */
export interface MuxTerminate {
  readonly type: 'MUX_C_TERMINATE';
  readonly requestId: number;
}

/** `MUX_C_OPEN_FWD`. A remote forward of port 0 is answered with {@link MuxRemotePort}. */
export interface MuxOpenForward {
  readonly type: 'MUX_C_OPEN_FWD';
  readonly requestId: number;
  readonly forwardType: ForwardType;
  readonly listen: ForwardEndpoint;
  /** For dynamic forwards: `{ kind: 'tcp', host: '', port: 0 }`. */
  readonly connect: ForwardEndpoint;
}

/** `MUX_C_CLOSE_FWD`: the same fields as the {@link MuxOpenForward} it closes. */
export interface MuxCloseForward {
  readonly type: 'MUX_C_CLOSE_FWD';
  readonly requestId: number;
  readonly forwardType: ForwardType;
  readonly listen: ForwardEndpoint;
  readonly connect: ForwardEndpoint;
}

/** `MUX_C_NEW_STDIO_FWD`: passenger-mode `ssh -W` (descriptors follow out of band). */
export interface MuxNewStdioForward {
  readonly type: 'MUX_C_NEW_STDIO_FWD';
  readonly requestId: number;
  readonly reserved?: string;
  readonly connect: ForwardEndpoint;
}

/** `MUX_C_STOP_LISTENING`: the master removes its control socket. */
export interface MuxStopListening {
  readonly type: 'MUX_C_STOP_LISTENING';
  readonly requestId: number;
}

/** `MUX_C_PROXY`: after {@link MuxProxyReply} the stream carries proxy packets. */
export interface MuxProxy {
  readonly type: 'MUX_C_PROXY';
  readonly requestId: number;
}

/** `MUX_C_EXT_INFO`: `info` extension query (`connection` or `channels`). */
export interface MuxExtInfoRequest {
  readonly type: 'MUX_C_EXT_INFO';
  readonly requestId: number;
  readonly name: string;
}

/** `MUX_S_OK`. */
export interface MuxOk {
  readonly type: 'MUX_S_OK';
  readonly requestId: number;
}

/** `MUX_S_PERMISSION_DENIED`. */
export interface MuxPermissionDenied {
  readonly type: 'MUX_S_PERMISSION_DENIED';
  readonly requestId: number;
  readonly reason: string;
}

/** `MUX_S_FAILURE` (also the reply to a request type the master does not know). */
export interface MuxFailure {
  readonly type: 'MUX_S_FAILURE';
  readonly requestId: number;
  readonly reason: string;
}

/** `MUX_S_EXIT_MESSAGE`: a passenger session ended. */
export interface MuxExitMessage {
  readonly type: 'MUX_S_EXIT_MESSAGE';
  readonly sessionId: number;
  readonly exitValue: number;
}

/** `MUX_S_ALIVE`: the master's pid. */
export interface MuxAlive {
  readonly type: 'MUX_S_ALIVE';
  readonly requestId: number;
  readonly pid: number;
}

/** `MUX_S_SESSION_OPENED`. */
export interface MuxSessionOpened {
  readonly type: 'MUX_S_SESSION_OPENED';
  readonly requestId: number;
  readonly sessionId: number;
}

/** `MUX_S_REMOTE_PORT`: the port allocated for a remote forward of port 0. */
export interface MuxRemotePort {
  readonly type: 'MUX_S_REMOTE_PORT';
  readonly requestId: number;
  readonly allocatedPort: number;
}

/** `MUX_S_TTY_ALLOC_FAIL`. */
export interface MuxTtyAllocFail {
  readonly type: 'MUX_S_TTY_ALLOC_FAIL';
  readonly sessionId: number;
}

/** `MUX_S_PROXY`: proxy packets follow this frame on the same stream. */
export interface MuxProxyReply {
  readonly type: 'MUX_S_PROXY';
  readonly requestId: number;
}

/** `MUX_S_EXT_INFO`: `status` is 1 when `message` holds the answer. */
export interface MuxExtInfoReply {
  readonly type: 'MUX_S_EXT_INFO';
  readonly requestId: number;
  readonly status: number;
  readonly message: string;
}

/** A frame whose type this package does not know: kept, not rejected. */
export interface MuxUnknown {
  readonly type: 'unknown';
  readonly messageType: number;
  /** Everything after the type, as a view. */
  readonly body: Uint8Array;
}

/** Every mux message, both directions. */
export type MuxMessage =
  | MuxHello
  | MuxNewSession
  | MuxAliveCheck
  | MuxTerminate
  | MuxOpenForward
  | MuxCloseForward
  | MuxNewStdioForward
  | MuxStopListening
  | MuxProxy
  | MuxExtInfoRequest
  | MuxOk
  | MuxPermissionDenied
  | MuxFailure
  | MuxExitMessage
  | MuxAlive
  | MuxSessionOpened
  | MuxRemotePort
  | MuxTtyAllocFail
  | MuxProxyReply
  | MuxExtInfoReply
  | MuxUnknown;
