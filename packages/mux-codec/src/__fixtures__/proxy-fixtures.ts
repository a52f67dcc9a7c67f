import type { ProxyPacket } from '../proxy-packets.js';
import { TERMINAL_MODE } from '../terminal-modes.js';

const window = { initialWindowSize: 2_097_152, maximumPacketSize: 32_768 };
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** One proxy packet of every kind (and every typed request), for round trips and split tests. */
export const proxyFixtures: readonly {
  readonly name: string;
  readonly packet: ProxyPacket;
  readonly hex?: string;
}[] = [
  {
    name: 'global request tcpip-forward',
    packet: {
      type: 'SSH_MSG_GLOBAL_REQUEST',
      wantReply: true,
      request: { kind: 'tcpip-forward', bindAddress: '127.0.0.1', bindPort: 0 },
    },
    hex:
      '00000025' +
      '00' +
      '50' +
      '0000000d' +
      '74637069702d666f7277617264' +
      '01' +
      '00000009' +
      '3132372e302e302e31' +
      '00000000',
  },
  {
    name: 'global request cancel-tcpip-forward',
    packet: {
      type: 'SSH_MSG_GLOBAL_REQUEST',
      wantReply: false,
      request: { kind: 'cancel-tcpip-forward', bindAddress: 'localhost', bindPort: 8080 },
    },
  },
  {
    name: 'global request streamlocal-forward',
    packet: {
      type: 'SSH_MSG_GLOBAL_REQUEST',
      wantReply: true,
      request: { kind: 'streamlocal-forward@openssh.com', socketPath: '/tmp/s' },
    },
  },
  {
    name: 'global request cancel-streamlocal-forward',
    packet: {
      type: 'SSH_MSG_GLOBAL_REQUEST',
      wantReply: false,
      request: { kind: 'cancel-streamlocal-forward@openssh.com', socketPath: '/tmp/s' },
    },
  },
  {
    name: 'global request of an unknown kind',
    packet: {
      type: 'SSH_MSG_GLOBAL_REQUEST',
      wantReply: true,
      request: { kind: 'unknown', name: 'hostkeys-00@openssh.com', data: bytes(0, 0, 0, 1, 7) },
    },
  },
  {
    name: 'request success with a bound port',
    packet: { type: 'SSH_MSG_REQUEST_SUCCESS', data: bytes(0, 0, 0x9c, 0x40) },
  },
  { name: 'request success, empty', packet: { type: 'SSH_MSG_REQUEST_SUCCESS', data: bytes() } },
  {
    name: 'request failure',
    packet: { type: 'SSH_MSG_REQUEST_FAILURE' },
    hex: '00000002' + '00' + '52',
  },
  {
    name: 'open session',
    packet: {
      type: 'SSH_MSG_CHANNEL_OPEN',
      senderChannel: 0,
      ...window,
      channel: { kind: 'session' },
    },
    hex:
      '00000019' +
      '00' +
      '5a' +
      '00000007' +
      '73657373696f6e' +
      '00000000' +
      '00200000' +
      '00008000',
  },
  {
    name: 'open direct-tcpip',
    packet: {
      type: 'SSH_MSG_CHANNEL_OPEN',
      senderChannel: 1,
      ...window,
      channel: {
        kind: 'direct-tcpip',
        host: 'db.internal',
        port: 5432,
        originatorAddress: '127.0.0.1',
        originatorPort: 50000,
      },
    },
  },
  {
    name: 'open forwarded-tcpip',
    packet: {
      type: 'SSH_MSG_CHANNEL_OPEN',
      senderChannel: 7,
      ...window,
      channel: {
        kind: 'forwarded-tcpip',
        connectedAddress: '127.0.0.1',
        connectedPort: 40000,
        originatorAddress: '::1',
        originatorPort: 61000,
      },
    },
  },
  {
    name: 'open direct-streamlocal',
    packet: {
      type: 'SSH_MSG_CHANNEL_OPEN',
      senderChannel: 2,
      ...window,
      channel: {
        kind: 'direct-streamlocal@openssh.com',
        socketPath: '/run/app.sock',
        reserved: '',
        reservedNumber: 0,
      },
    },
  },
  {
    name: 'open forwarded-streamlocal',
    packet: {
      type: 'SSH_MSG_CHANNEL_OPEN',
      senderChannel: 8,
      ...window,
      channel: {
        kind: 'forwarded-streamlocal@openssh.com',
        socketPath: '/tmp/r.sock',
        reserved: '',
      },
    },
  },
  {
    name: 'open of an unknown type',
    packet: {
      type: 'SSH_MSG_CHANNEL_OPEN',
      senderChannel: 9,
      ...window,
      channel: { kind: 'unknown', name: 'x11', data: bytes(0, 0, 0, 0, 0, 0, 0, 0) },
    },
  },
  {
    name: 'open confirmation',
    packet: {
      type: 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION',
      recipientChannel: 0,
      senderChannel: 5,
      initialWindowSize: 0,
      maximumPacketSize: 32_768,
      data: bytes(),
    },
    hex: '00000012' + '00' + '5b' + '00000000' + '00000005' + '00000000' + '00008000',
  },
  {
    name: 'open failure',
    packet: {
      type: 'SSH_MSG_CHANNEL_OPEN_FAILURE',
      recipientChannel: 2,
      reasonCode: 2,
      description: 'Connection refused',
      languageTag: '',
    },
    hex:
      '00000024' +
      '00' +
      '5c' +
      '00000002' +
      '00000002' +
      '00000012' +
      '436f6e6e656374696f6e2072656675736564' +
      '00000000',
  },
  {
    name: 'window adjust',
    packet: { type: 'SSH_MSG_CHANNEL_WINDOW_ADJUST', recipientChannel: 0, bytesToAdd: 2_097_152 },
    hex: '0000000a' + '00' + '5d' + '00000000' + '00200000',
  },
  {
    name: 'data',
    packet: {
      type: 'SSH_MSG_CHANNEL_DATA',
      recipientChannel: 0,
      data: bytes(0x67, 0x6f, 0x6c, 0x64, 0x65, 0x6e, 0x0a),
    },
    hex: '00000011' + '00' + '5e' + '00000000' + '00000007' + '676f6c64656e0a',
  },
  {
    name: 'empty data',
    packet: { type: 'SSH_MSG_CHANNEL_DATA', recipientChannel: 3, data: bytes() },
  },
  {
    name: 'extended data',
    packet: {
      type: 'SSH_MSG_CHANNEL_EXTENDED_DATA',
      recipientChannel: 0,
      dataTypeCode: 1,
      data: bytes(0x6f, 0x6f),
    },
    hex: '00000010' + '00' + '5f' + '00000000' + '00000001' + '00000002' + '6f6f',
  },
  {
    name: 'eof',
    packet: { type: 'SSH_MSG_CHANNEL_EOF', recipientChannel: 4 },
    hex: '00000006' + '00' + '60' + '00000004',
  },
  {
    name: 'close',
    packet: { type: 'SSH_MSG_CHANNEL_CLOSE', recipientChannel: 4 },
    hex: '00000006' + '00' + '61' + '00000004',
  },
  ...(
    [
      { kind: 'exec', command: 'echo "a b" | wc -c' },
      { kind: 'subsystem', name: 'sftp' },
      { kind: 'shell' },
      { kind: 'env', name: 'LANG', value: 'C.UTF-8' },
      {
        kind: 'pty-req',
        terminalType: 'xterm-256color',
        widthCharacters: 80,
        heightRows: 24,
        widthPixels: 640,
        heightPixels: 480,
        terminalModes: [
          { opcode: TERMINAL_MODE.VINTR, argument: 3 },
          { opcode: TERMINAL_MODE.ECHO, argument: 1 },
          { opcode: TERMINAL_MODE.TTY_OP_ISPEED, argument: 38_400 },
          { opcode: TERMINAL_MODE.TTY_OP_OSPEED, argument: 38_400 },
        ],
      },
      {
        kind: 'pty-req',
        terminalType: 'dumb',
        widthCharacters: 0,
        heightRows: 0,
        widthPixels: 0,
        heightPixels: 0,
        terminalModes: [],
      },
      {
        kind: 'window-change',
        widthCharacters: 132,
        heightRows: 43,
        widthPixels: 0,
        heightPixels: 0,
      },
      { kind: 'signal', signalName: 'TERM' },
      { kind: 'exit-status', exitStatus: 3 },
      {
        kind: 'exit-signal',
        signalName: 'KILL',
        coreDumped: true,
        errorMessage: 'killed',
        languageTag: 'en',
      },
      { kind: 'xon-xoff', clientCanDo: true },
      { kind: 'keepalive@openssh.com' },
      { kind: 'eow@openssh.com' },
      { kind: 'unknown', name: 'auth-agent-req@openssh.com', data: bytes() },
      { kind: 'unknown', name: 'break', data: bytes(0, 0, 1, 0xf4) },
    ] as const
  ).map((request) => ({
    name: `channel request ${request.kind === 'unknown' ? request.name : request.kind}`,
    packet: {
      type: 'SSH_MSG_CHANNEL_REQUEST' as const,
      recipientChannel: 1,
      wantReply: request.kind !== 'exit-status',
      request,
    },
  })),
  {
    name: 'channel request exit-status as the master sends it',
    packet: {
      type: 'SSH_MSG_CHANNEL_REQUEST',
      recipientChannel: 0,
      wantReply: false,
      request: { kind: 'exit-status', exitStatus: 3 },
    },
    hex:
      '0000001a' +
      '00' +
      '62' +
      '00000000' +
      '0000000b' +
      '657869742d737461747573' +
      '00' +
      '00000003',
  },
  {
    name: 'success',
    packet: { type: 'SSH_MSG_CHANNEL_SUCCESS', recipientChannel: 0 },
    hex: '00000006' + '00' + '63' + '00000000',
  },
  {
    name: 'failure',
    packet: { type: 'SSH_MSG_CHANNEL_FAILURE', recipientChannel: 0 },
    hex: '00000006' + '00' + '64' + '00000000',
  },
  {
    name: 'unknown message number',
    packet: { type: 'unknown', messageNumber: 2, payload: bytes(0, 0, 0, 0) },
  },
];
