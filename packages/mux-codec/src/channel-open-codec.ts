import type { ChannelOpenType, GlobalRequest } from './proxy-packets.js';
import type { Reader } from './reader.js';
import type { Encodable } from './text.js';
import type { Writer } from './writer.js';

/** Reads the channel-type specific fields of SSH_MSG_CHANNEL_OPEN. */
export function readChannelOpenType(reader: Reader, name: string): ChannelOpenType {
  switch (name) {
    case 'session':
      return { kind: 'session' };
    case 'direct-tcpip':
      return {
        kind: 'direct-tcpip',
        host: reader.text('host to connect'),
        port: reader.uint32('port to connect'),
        originatorAddress: reader.text('originator IP address'),
        originatorPort: reader.uint32('originator port'),
      };
    case 'forwarded-tcpip':
      return {
        kind: 'forwarded-tcpip',
        connectedAddress: reader.text('address that was connected'),
        connectedPort: reader.uint32('port that was connected'),
        originatorAddress: reader.text('originator IP address'),
        originatorPort: reader.uint32('originator port'),
      };
    case 'direct-streamlocal@openssh.com':
      return {
        kind: 'direct-streamlocal@openssh.com',
        socketPath: reader.text('socket path'),
        reserved: reader.text('reserved'),
        reservedNumber: reader.uint32('reserved'),
      };
    case 'forwarded-streamlocal@openssh.com':
      return {
        kind: 'forwarded-streamlocal@openssh.com',
        socketPath: reader.text('socket path'),
        reserved: reader.text('reserved'),
      };
    default:
      return { kind: 'unknown', name, data: reader.rest() };
  }
}

/** Writes the channel-type specific fields of SSH_MSG_CHANNEL_OPEN (the type name is written by the caller). */
export function writeChannelOpenType(writer: Writer, channel: Encodable<ChannelOpenType>): void {
  switch (channel.kind) {
    case 'session':
      break;
    case 'direct-tcpip':
      writer
        .text(channel.host, 'host to connect')
        .uint32(channel.port, 'port to connect')
        .text(channel.originatorAddress, 'originator IP address')
        .uint32(channel.originatorPort, 'originator port');
      break;
    case 'forwarded-tcpip':
      writer
        .text(channel.connectedAddress, 'address that was connected')
        .uint32(channel.connectedPort, 'port that was connected')
        .text(channel.originatorAddress, 'originator IP address')
        .uint32(channel.originatorPort, 'originator port');
      break;
    case 'direct-streamlocal@openssh.com':
      writer
        .text(channel.socketPath, 'socket path')
        .text(channel.reserved ?? '', 'reserved')
        .uint32(channel.reservedNumber ?? 0, 'reserved');
      break;
    case 'forwarded-streamlocal@openssh.com':
      writer.text(channel.socketPath, 'socket path').text(channel.reserved ?? '', 'reserved');
      break;
    case 'unknown':
      writer.raw(channel.data);
      break;
  }
}

/** Reads the request-specific fields of SSH_MSG_GLOBAL_REQUEST. */
export function readGlobalRequest(reader: Reader, name: string): GlobalRequest {
  switch (name) {
    case 'tcpip-forward':
    case 'cancel-tcpip-forward':
      return {
        kind: name,
        bindAddress: reader.text('address to bind'),
        bindPort: reader.uint32('port number to bind'),
      };
    case 'streamlocal-forward@openssh.com':
    case 'cancel-streamlocal-forward@openssh.com':
      return { kind: name, socketPath: reader.text('socket path') };
    default:
      return { kind: 'unknown', name, data: reader.rest() };
  }
}

/** Writes the request-specific fields of SSH_MSG_GLOBAL_REQUEST (the name is written by the caller). */
export function writeGlobalRequest(writer: Writer, request: Encodable<GlobalRequest>): void {
  switch (request.kind) {
    case 'tcpip-forward':
    case 'cancel-tcpip-forward':
      writer
        .text(request.bindAddress, 'address to bind')
        .uint32(request.bindPort, 'port number to bind');
      break;
    case 'streamlocal-forward@openssh.com':
    case 'cancel-streamlocal-forward@openssh.com':
      writer.text(request.socketPath, 'socket path');
      break;
    case 'unknown':
      writer.raw(request.data);
      break;
  }
}
