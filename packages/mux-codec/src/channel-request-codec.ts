import type { ChannelRequest, WindowDimensions } from './proxy-packets.js';
import type { Reader } from './reader.js';
import { readTerminalModes, writeTerminalModes } from './terminal-modes.js';
import type { Encodable } from './text.js';
import type { Writer } from './writer.js';

/** Reads the request-specific fields after `string request type, boolean want reply`. */
export function readChannelRequest(reader: Reader, name: string): ChannelRequest {
  switch (name) {
    case 'exec':
      return { kind: 'exec', command: reader.text('command') };
    case 'subsystem':
      return { kind: 'subsystem', name: reader.text('subsystem name') };
    case 'shell':
      return { kind: 'shell' };
    case 'env':
      return {
        kind: 'env',
        name: reader.text('variable name'),
        value: reader.text('variable value'),
      };
    case 'pty-req': {
      const terminalType = reader.text('TERM');
      const dimensions = readDimensions(reader);
      return {
        kind: 'pty-req',
        terminalType,
        ...dimensions,
        terminalModes: readTerminalModes(reader),
      };
    }
    case 'window-change':
      return { kind: 'window-change', ...readDimensions(reader) };
    case 'signal':
      return { kind: 'signal', signalName: reader.text('signal name') };
    case 'exit-status':
      return { kind: 'exit-status', exitStatus: reader.uint32('exit status') };
    case 'exit-signal':
      return {
        kind: 'exit-signal',
        signalName: reader.text('signal name'),
        coreDumped: reader.boolean('core dumped'),
        errorMessage: reader.text('error message'),
        languageTag: reader.text('language tag'),
      };
    case 'xon-xoff':
      return { kind: 'xon-xoff', clientCanDo: reader.boolean('client can do') };
    case 'keepalive@openssh.com':
      return { kind: 'keepalive@openssh.com' };
    case 'eow@openssh.com':
      return { kind: 'eow@openssh.com' };
    default:
      return { kind: 'unknown', name, data: reader.rest() };
  }
}

function readDimensions(reader: Reader): WindowDimensions {
  return {
    widthCharacters: reader.uint32('terminal width, characters'),
    heightRows: reader.uint32('terminal height, rows'),
    widthPixels: reader.uint32('terminal width, pixels'),
    heightPixels: reader.uint32('terminal height, pixels'),
  };
}

/** Writes `string request type, boolean want reply` and the request-specific fields. */
export function writeChannelRequest(
  writer: Writer,
  wantReply: boolean,
  request: Encodable<ChannelRequest>,
): void {
  writer
    .text(request.kind === 'unknown' ? request.name : request.kind, 'request type')
    .boolean(wantReply);
  switch (request.kind) {
    case 'exec':
      writer.text(request.command, 'command');
      break;
    case 'subsystem':
      writer.text(request.name, 'subsystem name');
      break;
    case 'shell':
    case 'keepalive@openssh.com':
    case 'eow@openssh.com':
      break;
    case 'env':
      writer.text(request.name, 'variable name').text(request.value, 'variable value');
      break;
    case 'pty-req':
      writer.text(request.terminalType, 'TERM');
      writeDimensions(writer, request);
      writeTerminalModes(writer, request.terminalModes);
      break;
    case 'window-change':
      writeDimensions(writer, request);
      break;
    case 'signal':
      writer.text(request.signalName, 'signal name');
      break;
    case 'exit-status':
      writer.uint32(request.exitStatus, 'exit status');
      break;
    case 'exit-signal':
      writer
        .text(request.signalName, 'signal name')
        .boolean(request.coreDumped)
        .text(request.errorMessage, 'error message')
        .text(request.languageTag, 'language tag');
      break;
    case 'xon-xoff':
      writer.boolean(request.clientCanDo);
      break;
    case 'unknown':
      writer.raw(request.data);
      break;
  }
}

function writeDimensions(writer: Writer, dimensions: WindowDimensions): void {
  writer
    .uint32(dimensions.widthCharacters, 'terminal width, characters')
    .uint32(dimensions.heightRows, 'terminal height, rows')
    .uint32(dimensions.widthPixels, 'terminal width, pixels')
    .uint32(dimensions.heightPixels, 'terminal height, pixels');
}
