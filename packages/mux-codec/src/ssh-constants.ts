/**
 * Wire numbers of the SSH connection protocol (RFC 4254 §9, OpenSSH's
 * `ssh2.h`), named as in the RFC, for the packets carried in mux proxy mode.
 *
 * @module
 */

/** RFC 4254 §4. */
export const SSH_MSG_GLOBAL_REQUEST = 80;
/** RFC 4254 §4. */
export const SSH_MSG_REQUEST_SUCCESS = 81;
/** RFC 4254 §4. */
export const SSH_MSG_REQUEST_FAILURE = 82;
/** RFC 4254 §5.1. */
export const SSH_MSG_CHANNEL_OPEN = 90;
/** RFC 4254 §5.1. */
export const SSH_MSG_CHANNEL_OPEN_CONFIRMATION = 91;
/** RFC 4254 §5.1. */
export const SSH_MSG_CHANNEL_OPEN_FAILURE = 92;
/** RFC 4254 §5.2. */
export const SSH_MSG_CHANNEL_WINDOW_ADJUST = 93;
/** RFC 4254 §5.2. */
export const SSH_MSG_CHANNEL_DATA = 94;
/** RFC 4254 §5.2. */
export const SSH_MSG_CHANNEL_EXTENDED_DATA = 95;
/** RFC 4254 §5.3. */
export const SSH_MSG_CHANNEL_EOF = 96;
/** RFC 4254 §5.3. */
export const SSH_MSG_CHANNEL_CLOSE = 97;
/** RFC 4254 §5.4. */
export const SSH_MSG_CHANNEL_REQUEST = 98;
/** RFC 4254 §5.4. */
export const SSH_MSG_CHANNEL_SUCCESS = 99;
/** RFC 4254 §5.4. */
export const SSH_MSG_CHANNEL_FAILURE = 100;

/** Channel-open failure reason, RFC 4254 §5.1. */
export const SSH_OPEN_ADMINISTRATIVELY_PROHIBITED = 1;
/** Channel-open failure reason, RFC 4254 §5.1. */
export const SSH_OPEN_CONNECT_FAILED = 2;
/** Channel-open failure reason, RFC 4254 §5.1. */
export const SSH_OPEN_UNKNOWN_CHANNEL_TYPE = 3;
/** Channel-open failure reason, RFC 4254 §5.1. */
export const SSH_OPEN_RESOURCE_SHORTAGE = 4;

/** `data_type_code` of stderr in SSH_MSG_CHANNEL_EXTENDED_DATA, RFC 4254 §5.2. */
export const SSH_EXTENDED_DATA_STDERR = 1;
