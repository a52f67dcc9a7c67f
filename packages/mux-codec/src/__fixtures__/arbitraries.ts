import fc from 'fast-check';
import type { ForwardEndpoint, MuxMessage } from '../mux-messages.js';
import type {
  ChannelOpenType,
  ChannelRequest,
  GlobalRequest,
  ProxyPacket,
} from '../proxy-packets.js';

// fast-check arbitraries for every message of the package, for property tests and the fuzzer.

/** Any SSH uint32. */
export const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const port = fc.integer({ min: 0, max: 65535 });
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
/** Mux strings are C strings on the master's side: no NUL. */
const cText = text.filter((value) => !value.includes('\0'));
const bytes = fc.uint8Array({ maxLength: 64 });
/** A name that no typed variant claims, for the `unknown` variants. */
const otherName = text.map((value) => `x-${value}`);

const endpoint: fc.Arbitrary<ForwardEndpoint> = fc.oneof(
  fc.record({ kind: fc.constant('tcp' as const), host: cText, port }),
  fc.record({ kind: fc.constant('unix' as const), path: cText }),
);
const forwardType = fc.constantFrom('local' as const, 'remote' as const, 'dynamic' as const);
const knownMuxTypes = new Set([
  0x00000001, 0x10000002, 0x10000004, 0x10000005, 0x10000006, 0x10000007, 0x10000008, 0x10000009,
  0x1000000f, 0x20000001, 0x80000001, 0x80000002, 0x80000003, 0x80000004, 0x80000005, 0x80000006,
  0x80000007, 0x80000008, 0x8000000f, 0x90000001,
]);
const requestId = uint32;

/** Any mux message, both directions, including unknown types. */
export const muxMessage: fc.Arbitrary<MuxMessage> = fc.oneof(
  fc.record({
    type: fc.constant('MUX_MSG_HELLO' as const),
    version: uint32,
    extensions: fc.array(fc.record({ name: cText, value: text }), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('MUX_C_NEW_SESSION' as const),
    requestId,
    reserved: text,
    wantTty: fc.boolean(),
    wantX11Forwarding: fc.boolean(),
    wantAgentForwarding: fc.boolean(),
    subsystem: fc.boolean(),
    escapeCharacter: uint32,
    terminalType: cText,
    command: cText,
    environment: fc.array(cText, { maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('MUX_C_ALIVE_CHECK' as const), requestId }),
  fc.record({ type: fc.constant('MUX_C_TERMINATE' as const), requestId }),
  fc.record({
    type: fc.constantFrom('MUX_C_OPEN_FWD' as const, 'MUX_C_CLOSE_FWD' as const),
    requestId,
    forwardType,
    listen: endpoint,
    connect: endpoint,
  }),
  fc.record({
    type: fc.constant('MUX_C_NEW_STDIO_FWD' as const),
    requestId,
    reserved: text,
    connect: endpoint,
  }),
  fc.record({ type: fc.constant('MUX_C_STOP_LISTENING' as const), requestId }),
  fc.record({ type: fc.constant('MUX_C_PROXY' as const), requestId }),
  fc.record({ type: fc.constant('MUX_C_EXT_INFO' as const), requestId, name: cText }),
  fc.record({ type: fc.constant('MUX_S_OK' as const), requestId }),
  fc.record({
    type: fc.constantFrom('MUX_S_PERMISSION_DENIED' as const, 'MUX_S_FAILURE' as const),
    requestId,
    reason: text,
  }),
  fc.record({
    type: fc.constant('MUX_S_EXIT_MESSAGE' as const),
    sessionId: uint32,
    exitValue: uint32,
  }),
  fc.record({ type: fc.constant('MUX_S_ALIVE' as const), requestId, pid: uint32 }),
  fc.record({ type: fc.constant('MUX_S_SESSION_OPENED' as const), requestId, sessionId: uint32 }),
  fc.record({ type: fc.constant('MUX_S_REMOTE_PORT' as const), requestId, allocatedPort: uint32 }),
  fc.record({ type: fc.constant('MUX_S_TTY_ALLOC_FAIL' as const), sessionId: uint32 }),
  fc.record({ type: fc.constant('MUX_S_PROXY' as const), requestId }),
  fc.record({
    type: fc.constant('MUX_S_EXT_INFO' as const),
    requestId,
    status: uint32,
    message: text,
  }),
  fc.record({
    type: fc.constant('unknown' as const),
    messageType: uint32.filter((value) => !knownMuxTypes.has(value)),
    body: bytes,
  }),
);

const globalRequest: fc.Arbitrary<GlobalRequest> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('tcpip-forward' as const, 'cancel-tcpip-forward' as const),
    bindAddress: text,
    bindPort: uint32,
  }),
  fc.record({
    kind: fc.constantFrom(
      'streamlocal-forward@openssh.com' as const,
      'cancel-streamlocal-forward@openssh.com' as const,
    ),
    socketPath: text,
  }),
  fc.record({ kind: fc.constant('unknown' as const), name: otherName, data: bytes }),
);

const channelOpenType: fc.Arbitrary<ChannelOpenType> = fc.oneof(
  fc.record({ kind: fc.constant('session' as const) }),
  fc.record({
    kind: fc.constant('direct-tcpip' as const),
    host: text,
    port: uint32,
    originatorAddress: text,
    originatorPort: uint32,
  }),
  fc.record({
    kind: fc.constant('forwarded-tcpip' as const),
    connectedAddress: text,
    connectedPort: uint32,
    originatorAddress: text,
    originatorPort: uint32,
  }),
  fc.record({
    kind: fc.constant('direct-streamlocal@openssh.com' as const),
    socketPath: text,
    reserved: text,
    reservedNumber: uint32,
  }),
  fc.record({
    kind: fc.constant('forwarded-streamlocal@openssh.com' as const),
    socketPath: text,
    reserved: text,
  }),
  fc.record({ kind: fc.constant('unknown' as const), name: otherName, data: bytes }),
);

const dimensions = {
  widthCharacters: uint32,
  heightRows: uint32,
  widthPixels: uint32,
  heightPixels: uint32,
};
const terminalMode = fc.record({ opcode: fc.integer({ min: 1, max: 159 }), argument: uint32 });

const channelRequest: fc.Arbitrary<ChannelRequest> = fc.oneof(
  fc.record({ kind: fc.constant('exec' as const), command: text }),
  fc.record({ kind: fc.constant('subsystem' as const), name: text }),
  fc.record({
    kind: fc.constantFrom(
      'shell' as const,
      'keepalive@openssh.com' as const,
      'eow@openssh.com' as const,
    ),
  }),
  fc.record({ kind: fc.constant('env' as const), name: text, value: text }),
  fc.record({
    kind: fc.constant('pty-req' as const),
    terminalType: text,
    ...dimensions,
    terminalModes: fc.array(terminalMode, { maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant('window-change' as const), ...dimensions }),
  fc.record({ kind: fc.constant('signal' as const), signalName: text }),
  fc.record({ kind: fc.constant('exit-status' as const), exitStatus: uint32 }),
  fc.record({
    kind: fc.constant('exit-signal' as const),
    signalName: text,
    coreDumped: fc.boolean(),
    errorMessage: text,
    languageTag: text,
  }),
  fc.record({ kind: fc.constant('xon-xoff' as const), clientCanDo: fc.boolean() }),
  fc.record({ kind: fc.constant('unknown' as const), name: otherName, data: bytes }),
);

const recipientChannel = uint32;
const knownPacketNumbers = new Set([80, 81, 82, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100]);

/** Any proxy packet, both directions, including unknown numbers and request names. */
export const proxyPacket: fc.Arbitrary<ProxyPacket> = fc.oneof(
  fc.record({
    type: fc.constant('SSH_MSG_GLOBAL_REQUEST' as const),
    wantReply: fc.boolean(),
    request: globalRequest,
  }),
  fc.record({ type: fc.constant('SSH_MSG_REQUEST_SUCCESS' as const), data: bytes }),
  fc.record({ type: fc.constant('SSH_MSG_REQUEST_FAILURE' as const) }),
  fc.record({
    type: fc.constant('SSH_MSG_CHANNEL_OPEN' as const),
    senderChannel: uint32,
    initialWindowSize: uint32,
    maximumPacketSize: uint32,
    channel: channelOpenType,
  }),
  fc.record({
    type: fc.constant('SSH_MSG_CHANNEL_OPEN_CONFIRMATION' as const),
    recipientChannel,
    senderChannel: uint32,
    initialWindowSize: uint32,
    maximumPacketSize: uint32,
    data: bytes,
  }),
  fc.record({
    type: fc.constant('SSH_MSG_CHANNEL_OPEN_FAILURE' as const),
    recipientChannel,
    reasonCode: uint32,
    description: text,
    languageTag: text,
  }),
  fc.record({
    type: fc.constant('SSH_MSG_CHANNEL_WINDOW_ADJUST' as const),
    recipientChannel,
    bytesToAdd: uint32,
  }),
  fc.record({ type: fc.constant('SSH_MSG_CHANNEL_DATA' as const), recipientChannel, data: bytes }),
  fc.record({
    type: fc.constant('SSH_MSG_CHANNEL_EXTENDED_DATA' as const),
    recipientChannel,
    dataTypeCode: uint32,
    data: bytes,
  }),
  fc.record({
    type: fc.constantFrom(
      'SSH_MSG_CHANNEL_EOF' as const,
      'SSH_MSG_CHANNEL_CLOSE' as const,
      'SSH_MSG_CHANNEL_SUCCESS' as const,
      'SSH_MSG_CHANNEL_FAILURE' as const,
    ),
    recipientChannel,
  }),
  fc.record({
    type: fc.constant('SSH_MSG_CHANNEL_REQUEST' as const),
    recipientChannel,
    wantReply: fc.boolean(),
    request: channelRequest,
  }),
  fc.record({
    type: fc.constant('unknown' as const),
    messageNumber: fc
      .integer({ min: 0, max: 255 })
      .filter((value) => !knownPacketNumbers.has(value)),
    payload: bytes,
  }),
);
