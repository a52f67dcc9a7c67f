/**
 * Messages of the OpenSSH mux protocol v4 (`PROTOCOL.mux`), both directions,
 * as a discriminated union on `type`, whose values are the spec's names.
 * Client requests carry a `requestId` that the master echoes in its reply.
 *
 * @module
 */

/** One name/value extension of {@link MuxHello}. */
export interface MuxHelloExtension {
  /** Extension name, e.g. `info` (PROTOCOL.mux §1: optional name/value pairs after the version). */
  readonly name: string;
  /** Extension value; empty for `info`. */
  readonly value: string;
}

/** `MUX_MSG_HELLO`: sent first by both sides. The master refuses any version but 4. */
export interface MuxHello {
  /** Discriminant: the spec's message name (`MUX_MSG_HELLO`). */
  readonly type: 'MUX_MSG_HELLO';
  /** Protocol version (uint32); {@link SSHMUX_VER} (4) is the only one OpenSSH accepts. */
  readonly version: number;
  /** OpenSSH 9.x masters send none; newer ones announce `info`. */
  readonly extensions: readonly MuxHelloExtension[];
}

/**
 * Either end of a forward: a TCP host and port, or a Unix socket path (sent
 * as the host, with port {@link PORT_STREAMLOCAL}).
 */
export type ForwardEndpoint =
  | {
      /** A TCP endpoint. */
      readonly kind: 'tcp';
      /** Host name or address; for a listen side, the address to bind. */
      readonly host: string;
      /** TCP port, 0–65535; 0 on a remote listen side asks the server to allocate one. */
      readonly port: number;
    }
  | {
      /** A Unix-domain socket endpoint. */
      readonly kind: 'unix';
      /** Socket path, on the machine of that side of the forward. */
      readonly path: string;
    };

/** `-L`, `-R` or `-D`: `MUX_FWD_LOCAL`, `MUX_FWD_REMOTE`, `MUX_FWD_DYNAMIC` on the wire. */
export type ForwardType = 'local' | 'remote' | 'dynamic';

/** `MUX_C_NEW_SESSION`: a passenger session (stdio descriptors follow out of band). */
export interface MuxNewSession {
  /** Discriminant: the spec's message name (`MUX_C_NEW_SESSION`). */
  readonly type: 'MUX_C_NEW_SESSION';
  /** Chosen by the client (uint32); the master echoes it in its reply, so replies match requests. */
  readonly requestId: number;
  /** Ignored by the master; empty when omitted. */
  readonly reserved?: string;
  /** Ask the server for a pseudo-terminal (`ssh -t`); a refusal comes as {@link MuxTtyAllocFail}. */
  readonly wantTty: boolean;
  /** Ask for X11 forwarding on this session (`ssh -X`). */
  readonly wantX11Forwarding: boolean;
  /** Ask for agent forwarding on this session (`ssh -A`). */
  readonly wantAgentForwarding: boolean;
  /** Whether `command` names a subsystem. */
  readonly subsystem: boolean;
  /** Escape character, or 0xffffffff for none. */
  readonly escapeCharacter: number;
  /** `TERM` for the remote pty, e.g. `xterm-256color`; only used with `wantTty`. */
  readonly terminalType: string;
  /** Command line run by the remote user's shell; empty for a login shell, or the subsystem name. */
  readonly command: string;
  /** `NAME=value` strings. */
  readonly environment: readonly string[];
}

/** `MUX_C_ALIVE_CHECK`: answered with {@link MuxAlive}. */
export interface MuxAliveCheck {
  /** Discriminant: the spec's message name (`MUX_C_ALIVE_CHECK`). */
  readonly type: 'MUX_C_ALIVE_CHECK';
  /** Chosen by the client (uint32); the master echoes it in its reply, so replies match requests. */
  readonly requestId: number;
}

/** `MUX_C_TERMINATE`: answered with `MUX_S_OK` or `MUX_S_PERMISSION_DENIED`. */
export interface MuxTerminate {
  /** Discriminant: the spec's message name (`MUX_C_TERMINATE`). */
  readonly type: 'MUX_C_TERMINATE';
  /** Chosen by the client (uint32); the master echoes it in its reply, so replies match requests. */
  readonly requestId: number;
}

/** `MUX_C_OPEN_FWD`. A remote forward of port 0 is answered with {@link MuxRemotePort}. */
export interface MuxOpenForward {
  /** Discriminant: the spec's message name (`MUX_C_OPEN_FWD`). */
  readonly type: 'MUX_C_OPEN_FWD';
  /** Chosen by the client (uint32); the master echoes it in its reply, so replies match requests. */
  readonly requestId: number;
  /** Which of `-L`, `-R`, `-D` this forward is. */
  readonly forwardType: ForwardType;
  /** Where to listen: on the client machine for local and dynamic forwards, on the server for remote ones. */
  readonly listen: ForwardEndpoint;
  /** For dynamic forwards: `{ kind: 'tcp', host: '', port: 0 }`. */
  readonly connect: ForwardEndpoint;
}

/** `MUX_C_CLOSE_FWD`: the same fields as the {@link MuxOpenForward} it closes. */
export interface MuxCloseForward {
  /** Discriminant: the spec's message name (`MUX_C_CLOSE_FWD`). */
  readonly type: 'MUX_C_CLOSE_FWD';
  /** Chosen by the client (uint32); the master echoes it in its reply, so replies match requests. */
  readonly requestId: number;
  /** Which of `-L`, `-R`, `-D` the forward to close is. */
  readonly forwardType: ForwardType;
  /** The listen side it was opened with. */
  readonly listen: ForwardEndpoint;
  /** The connect side it was opened with. */
  readonly connect: ForwardEndpoint;
}

/** `MUX_C_NEW_STDIO_FWD`: passenger-mode `ssh -W` (descriptors follow out of band). */
export interface MuxNewStdioForward {
  /** Discriminant: the spec's message name (`MUX_C_NEW_STDIO_FWD`). */
  readonly type: 'MUX_C_NEW_STDIO_FWD';
  /** Chosen by the client (uint32); the master echoes it in its reply, so replies match requests. */
  readonly requestId: number;
  /** Ignored by the master; empty when omitted. */
  readonly reserved?: string;
  /** Where the server connects; the passenger's stdin/stdout become that connection. */
  readonly connect: ForwardEndpoint;
}

/** `MUX_C_STOP_LISTENING`: the master removes its control socket. */
export interface MuxStopListening {
  /** Discriminant: the spec's message name (`MUX_C_STOP_LISTENING`). */
  readonly type: 'MUX_C_STOP_LISTENING';
  /** Chosen by the client (uint32); the master echoes it in its reply, so replies match requests. */
  readonly requestId: number;
}

/** `MUX_C_PROXY`: after {@link MuxProxyReply} the stream carries proxy packets. */
export interface MuxProxy {
  /** Discriminant: the spec's message name (`MUX_C_PROXY`). */
  readonly type: 'MUX_C_PROXY';
  /** Chosen by the client (uint32); the master echoes it in its reply, so replies match requests. */
  readonly requestId: number;
}

/** `MUX_C_EXT_INFO`: `info` extension query (`connection` or `channels`). */
export interface MuxExtInfoRequest {
  /** Discriminant: the spec's message name (`MUX_C_EXT_INFO`). */
  readonly type: 'MUX_C_EXT_INFO';
  /** Chosen by the client (uint32); the master echoes it in its reply, so replies match requests. */
  readonly requestId: number;
  /** What to report: `connection` or `channels` (mux.c `mux_master_process_ext_info`); others get status 0. */
  readonly name: string;
}

/** `MUX_S_OK`. */
export interface MuxOk {
  /** Discriminant: the spec's message name (`MUX_S_OK`). */
  readonly type: 'MUX_S_OK';
  /** The `requestId` of the client request this answers (uint32). */
  readonly requestId: number;
}

/** `MUX_S_PERMISSION_DENIED`. */
export interface MuxPermissionDenied {
  /** Discriminant: the spec's message name (`MUX_S_PERMISSION_DENIED`). */
  readonly type: 'MUX_S_PERMISSION_DENIED';
  /** The `requestId` of the client request this answers (uint32). */
  readonly requestId: number;
  /** Human-readable reason from the master, e.g. a declined `ControlMaster ask` prompt. */
  readonly reason: string;
}

/** `MUX_S_FAILURE` (also the reply to a request type the master does not know). */
export interface MuxFailure {
  /** Discriminant: the spec's message name (`MUX_S_FAILURE`). */
  readonly type: 'MUX_S_FAILURE';
  /** The `requestId` of the client request this answers (uint32). */
  readonly requestId: number;
  /** Human-readable reason from the master. */
  readonly reason: string;
}

/** `MUX_S_EXIT_MESSAGE`: a passenger session ended. */
export interface MuxExitMessage {
  /** Discriminant: the spec's message name (`MUX_S_EXIT_MESSAGE`). */
  readonly type: 'MUX_S_EXIT_MESSAGE';
  /** The `sessionId` of the {@link MuxSessionOpened} that started it (the master's channel id). */
  readonly sessionId: number;
  /** The remote command's exit value (uint32), which `ssh` itself would exit with (PROTOCOL.mux §2). */
  readonly exitValue: number;
}

/** `MUX_S_ALIVE`: the master's pid. */
export interface MuxAlive {
  /** Discriminant: the spec's message name (`MUX_S_ALIVE`). */
  readonly type: 'MUX_S_ALIVE';
  /** The `requestId` of the client request this answers (uint32). */
  readonly requestId: number;
  /** Process id of the master `ssh` on the local machine. */
  readonly pid: number;
}

/** `MUX_S_SESSION_OPENED`. */
export interface MuxSessionOpened {
  /** Discriminant: the spec's message name (`MUX_S_SESSION_OPENED`). */
  readonly type: 'MUX_S_SESSION_OPENED';
  /** The `requestId` of the client request this answers (uint32). */
  readonly requestId: number;
  /** The master's channel id for the session (mux.c sends `c->self`); later messages refer to it. */
  readonly sessionId: number;
}

/** `MUX_S_REMOTE_PORT`: the port allocated for a remote forward of port 0. */
export interface MuxRemotePort {
  /** Discriminant: the spec's message name (`MUX_S_REMOTE_PORT`). */
  readonly type: 'MUX_S_REMOTE_PORT';
  /** The `requestId` of the client request this answers (uint32). */
  readonly requestId: number;
  /** TCP port (1–65535) the server bound for the forward. */
  readonly allocatedPort: number;
}

/** `MUX_S_TTY_ALLOC_FAIL`. */
export interface MuxTtyAllocFail {
  /** Discriminant: the spec's message name (`MUX_S_TTY_ALLOC_FAIL`). */
  readonly type: 'MUX_S_TTY_ALLOC_FAIL';
  /** The session whose pty request the server refused; it keeps running without a tty. */
  readonly sessionId: number;
}

/** `MUX_S_PROXY`: proxy packets follow this frame on the same stream. */
export interface MuxProxyReply {
  /** Discriminant: the spec's message name (`MUX_S_PROXY`). */
  readonly type: 'MUX_S_PROXY';
  /** The `requestId` of the client request this answers (uint32). */
  readonly requestId: number;
}

/** `MUX_S_EXT_INFO`: `status` is 1 when `message` holds the answer. */
export interface MuxExtInfoReply {
  /** Discriminant: the spec's message name (`MUX_S_EXT_INFO`). */
  readonly type: 'MUX_S_EXT_INFO';
  /** The `requestId` of the client request this answers (uint32). */
  readonly requestId: number;
  /** 1 when the master answered the query, 0 when it does not support the name (mux.c). */
  readonly status: number;
  /** The answer as multi-line text, or the master's explanation when `status` is 0. */
  readonly message: string;
}

/** A frame whose type this package does not know: kept, not rejected. */
export interface MuxUnknown {
  /** Discriminant: a type this package does not decode. */
  readonly type: 'unknown';
  /** The frame's uint32 message type as received. */
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
