import { expect, it } from 'vitest';
import * as mux from './mux-constants.js';
import * as ssh from './ssh-constants.js';
import { TERMINAL_MODE } from './terminal-modes.js';

it('matches the numbers of PROTOCOL.mux and mux.c', () => {
  expect(mux).toMatchObject({
    SSHMUX_VER: 4,
    MUX_MSG_HELLO: 0x00000001,
    MUX_C_NEW_SESSION: 0x10000002,
    MUX_C_ALIVE_CHECK: 0x10000004,
    MUX_C_TERMINATE: 0x10000005,
    MUX_C_OPEN_FWD: 0x10000006,
    MUX_C_CLOSE_FWD: 0x10000007,
    MUX_C_NEW_STDIO_FWD: 0x10000008,
    MUX_C_STOP_LISTENING: 0x10000009,
    MUX_C_PROXY: 0x1000000f,
    MUX_S_OK: 0x80000001,
    MUX_S_PERMISSION_DENIED: 0x80000002,
    MUX_S_FAILURE: 0x80000003,
    MUX_S_EXIT_MESSAGE: 0x80000004,
    MUX_S_ALIVE: 0x80000005,
    MUX_S_SESSION_OPENED: 0x80000006,
    MUX_S_REMOTE_PORT: 0x80000007,
    MUX_S_TTY_ALLOC_FAIL: 0x80000008,
    MUX_S_PROXY: 0x8000000f,
    MUX_FWD_LOCAL: 1,
    MUX_FWD_REMOTE: 2,
    MUX_FWD_DYNAMIC: 3,
    PORT_STREAMLOCAL: 0xfffffffe,
    CHANNEL_MUX_MAX_PACKET: 262_144,
  });
});

it('matches the numbers of RFC 4254 and RFC 8160', () => {
  expect(ssh).toMatchObject({
    SSH_MSG_GLOBAL_REQUEST: 80,
    SSH_MSG_CHANNEL_OPEN: 90,
    SSH_MSG_CHANNEL_DATA: 94,
    SSH_MSG_CHANNEL_FAILURE: 100,
    SSH_OPEN_ADMINISTRATIVELY_PROHIBITED: 1,
    SSH_OPEN_CONNECT_FAILED: 2,
    SSH_OPEN_UNKNOWN_CHANNEL_TYPE: 3,
    SSH_OPEN_RESOURCE_SHORTAGE: 4,
    SSH_EXTENDED_DATA_STDERR: 1,
  });
  expect(TERMINAL_MODE).toMatchObject({
    TTY_OP_END: 0,
    VINTR: 1,
    IUTF8: 42,
    ECHO: 53,
    CS8: 91,
    TTY_OP_OSPEED: 129,
  });
});
