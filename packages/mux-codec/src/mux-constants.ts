/**
 * Wire numbers of the OpenSSH multiplexing protocol, named as in OpenSSH's
 * `PROTOCOL.mux` section 11 and `mux.c`, so they can be grepped against the
 * source. Every mux frame is `uint32 length` then `uint32 type` then the body.
 *
 * @module
 */

/** The mux protocol version this package speaks (`SSHMUX_VER` in mux.c). */
export const SSHMUX_VER = 4;

/** Sent first by both sides: version and extensions. Carries no request id. */
export const MUX_MSG_HELLO = 0x00000001;
/** Passenger-mode session request (needs fd passing after it). */
export const MUX_C_NEW_SESSION = 0x10000002;
/** Health check; answered with {@link MUX_S_ALIVE}. */
export const MUX_C_ALIVE_CHECK = 0x10000004;
/** Asks the master to exit. */
export const MUX_C_TERMINATE = 0x10000005;
/** Opens a local, remote or dynamic forward. */
export const MUX_C_OPEN_FWD = 0x10000006;
/** Closes a forward opened with {@link MUX_C_OPEN_FWD}. */
export const MUX_C_CLOSE_FWD = 0x10000007;
/** Passenger-mode stdio forward (`ssh -W`). */
export const MUX_C_NEW_STDIO_FWD = 0x10000008;
/** Asks the master to stop accepting mux clients. */
export const MUX_C_STOP_LISTENING = 0x10000009;
/** Switches this control connection to proxy mode (OpenSSH ≥ 7.4). */
export const MUX_C_PROXY = 0x1000000f;
/** Information request of the `info` extension (mux.c, not in PROTOCOL.mux). */
export const MUX_C_EXT_INFO = 0x20000001;
/** Success without data. */
export const MUX_S_OK = 0x80000001;
/** Refusal, with a reason string. */
export const MUX_S_PERMISSION_DENIED = 0x80000002;
/** Failure, with a reason string. */
export const MUX_S_FAILURE = 0x80000003;
/** A passenger session's exit value. */
export const MUX_S_EXIT_MESSAGE = 0x80000004;
/** Reply to {@link MUX_C_ALIVE_CHECK}: the master's pid. */
export const MUX_S_ALIVE = 0x80000005;
/** A passenger session (or stdio forward) was opened. */
export const MUX_S_SESSION_OPENED = 0x80000006;
/** The port the server allocated for a remote forward of port 0. */
export const MUX_S_REMOTE_PORT = 0x80000007;
/** The remote side refused a tty for a passenger session. */
export const MUX_S_TTY_ALLOC_FAIL = 0x80000008;
/** Reply to {@link MUX_C_PROXY}; proxy packets follow on the same stream. */
export const MUX_S_PROXY = 0x8000000f;
/** Reply to {@link MUX_C_EXT_INFO} (mux.c, not in PROTOCOL.mux). */
export const MUX_S_EXT_INFO = 0x90000001;

/** Forwarding type of {@link MUX_C_OPEN_FWD}: `-L`. */
export const MUX_FWD_LOCAL = 1;
/** Forwarding type of {@link MUX_C_OPEN_FWD}: `-R`. */
export const MUX_FWD_REMOTE = 2;
/** Forwarding type of {@link MUX_C_OPEN_FWD}: `-D`. */
export const MUX_FWD_DYNAMIC = 3;

/**
 * A forward's port field holding this value (`(unsigned int)-2`, OpenSSH's
 * `PORT_STREAMLOCAL` in misc.h) means its host field is a Unix socket path.
 */
export const PORT_STREAMLOCAL = 0xfffffffe;

/**
 * Largest frame, length prefix excluded, that an OpenSSH master reads from a
 * mux client (`CHANNEL_MUX_MAX_PACKET` in channels.c, 256 KiB); the same
 * bound as its transport's `PACKET_MAX_SIZE`.
 */
export const CHANNEL_MUX_MAX_PACKET = 256 * 1024;
