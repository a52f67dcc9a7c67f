import type { MuxMessage } from '../mux-messages.js';

/** One mux message of every kind, with the wire bytes each must encode to (hex, length prefix included). */
export const muxFixtures: readonly {
  readonly name: string;
  readonly message: MuxMessage;
  readonly hex: string;
}[] = [
  {
    name: 'hello without extensions',
    message: { type: 'MUX_MSG_HELLO', version: 4, extensions: [] },
    hex: '00000008' + '00000001' + '00000004',
  },
  {
    name: 'hello with the info extension',
    message: { type: 'MUX_MSG_HELLO', version: 4, extensions: [{ name: 'info', value: '0' }] },
    hex: '00000015' + '00000001' + '00000004' + '00000004' + '696e666f' + '00000001' + '30',
  },
  {
    name: 'new session',
    message: {
      type: 'MUX_C_NEW_SESSION',
      requestId: 7,
      reserved: '',
      wantTty: true,
      wantX11Forwarding: false,
      wantAgentForwarding: false,
      subsystem: false,
      escapeCharacter: 0xffffffff,
      terminalType: 'xterm',
      command: 'ls -la',
      environment: ['LANG=C.UTF-8', 'OSSH_TEST_X=ü'],
    },
    hex:
      '00000055' +
      '10000002' +
      '00000007' +
      '00000000' +
      '00000001' +
      '00000000' +
      '00000000' +
      '00000000' +
      'ffffffff' +
      '00000005' +
      '787465726d' +
      '00000006' +
      '6c73202d6c61' +
      '0000000c' +
      '4c414e473d432e5554462d38' +
      '0000000e' +
      '4f5353485f544553545f583dc3bc',
  },
  {
    name: 'alive check',
    message: { type: 'MUX_C_ALIVE_CHECK', requestId: 1 },
    hex: '00000008' + '10000004' + '00000001',
  },
  {
    name: 'terminate',
    message: { type: 'MUX_C_TERMINATE', requestId: 2 },
    hex: '00000008' + '10000005' + '00000002',
  },
  {
    name: 'open local TCP forward',
    message: {
      type: 'MUX_C_OPEN_FWD',
      requestId: 3,
      forwardType: 'local',
      listen: { kind: 'tcp', host: '127.0.0.1', port: 8080 },
      connect: { kind: 'tcp', host: 'db', port: 5432 },
    },
    hex:
      '00000027' +
      '10000006' +
      '00000003' +
      '00000001' +
      '00000009' +
      '3132372e302e302e31' +
      '00001f90' +
      '00000002' +
      '6462' +
      '00001538',
  },
  {
    name: 'close remote forward to a Unix socket',
    message: {
      type: 'MUX_C_CLOSE_FWD',
      requestId: 4,
      forwardType: 'remote',
      listen: { kind: 'unix', path: '/tmp/r.sock' },
      connect: { kind: 'unix', path: '/tmp/l' },
    },
    hex:
      '0000002d' +
      '10000007' +
      '00000004' +
      '00000002' +
      '0000000b' +
      '2f746d702f722e736f636b' +
      'fffffffe' +
      '00000006' +
      '2f746d702f6c' +
      'fffffffe',
  },
  {
    name: 'open dynamic forward',
    message: {
      type: 'MUX_C_OPEN_FWD',
      requestId: 5,
      forwardType: 'dynamic',
      listen: { kind: 'tcp', host: '', port: 1080 },
      connect: { kind: 'tcp', host: '', port: 0 },
    },
    hex:
      '0000001c' +
      '10000006' +
      '00000005' +
      '00000003' +
      '00000000' +
      '00000438' +
      '00000000' +
      '00000000',
  },
  {
    name: 'new stdio forward',
    message: {
      type: 'MUX_C_NEW_STDIO_FWD',
      requestId: 6,
      reserved: '',
      connect: { kind: 'tcp', host: 'h', port: 22 },
    },
    hex: '00000015' + '10000008' + '00000006' + '00000000' + '00000001' + '68' + '00000016',
  },
  {
    name: 'stop listening',
    message: { type: 'MUX_C_STOP_LISTENING', requestId: 8 },
    hex: '00000008' + '10000009' + '00000008',
  },
  {
    name: 'proxy request',
    message: { type: 'MUX_C_PROXY', requestId: 9 },
    hex: '00000008' + '1000000f' + '00000009',
  },
  {
    name: 'info request',
    message: { type: 'MUX_C_EXT_INFO', requestId: 10, name: 'channels' },
    hex: '00000014' + '20000001' + '0000000a' + '00000008' + '6368616e6e656c73',
  },
  {
    name: 'ok',
    message: { type: 'MUX_S_OK', requestId: 3 },
    hex: '00000008' + '80000001' + '00000003',
  },
  {
    name: 'permission denied',
    message: { type: 'MUX_S_PERMISSION_DENIED', requestId: 2, reason: 'Permission denied' },
    hex: '0000001d' + '80000002' + '00000002' + '00000011' + '5065726d697373696f6e2064656e696564',
  },
  {
    name: 'failure',
    message: { type: 'MUX_S_FAILURE', requestId: 11, reason: 'unsupported request' },
    hex:
      '0000001f' + '80000003' + '0000000b' + '00000013' + '756e737570706f727465642072657175657374',
  },
  {
    name: 'exit message',
    message: { type: 'MUX_S_EXIT_MESSAGE', sessionId: 3, exitValue: 255 },
    hex: '0000000c' + '80000004' + '00000003' + '000000ff',
  },
  {
    name: 'alive',
    message: { type: 'MUX_S_ALIVE', requestId: 1, pid: 4242 },
    hex: '0000000c' + '80000005' + '00000001' + '00001092',
  },
  {
    name: 'session opened',
    message: { type: 'MUX_S_SESSION_OPENED', requestId: 7, sessionId: 3 },
    hex: '0000000c' + '80000006' + '00000007' + '00000003',
  },
  {
    name: 'remote port',
    message: { type: 'MUX_S_REMOTE_PORT', requestId: 5, allocatedPort: 40000 },
    hex: '0000000c' + '80000007' + '00000005' + '00009c40',
  },
  {
    name: 'tty alloc fail',
    message: { type: 'MUX_S_TTY_ALLOC_FAIL', sessionId: 3 },
    hex: '00000008' + '80000008' + '00000003',
  },
  {
    name: 'proxy reply',
    message: { type: 'MUX_S_PROXY', requestId: 9 },
    hex: '00000008' + '8000000f' + '00000009',
  },
  {
    name: 'info reply',
    message: { type: 'MUX_S_EXT_INFO', requestId: 10, status: 1, message: 'none' },
    hex: '00000014' + '90000001' + '0000000a' + '00000001' + '00000004' + '6e6f6e65',
  },
  {
    name: 'unknown message type',
    message: { type: 'unknown', messageType: 0x10000042, body: Uint8Array.of(1, 2, 3) },
    hex: '00000007' + '10000042' + '010203',
  },
];
