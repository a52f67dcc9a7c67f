import type { FileAttributes } from './attributes.js';
import { writeAttributes } from './attributes.js';
import {
  SSH_FILEXFER_VERSION,
  SSH_FXP_CLOSE,
  SSH_FXP_EXTENDED,
  SSH_FXP_FSETSTAT,
  SSH_FXP_FSTAT,
  SSH_FXP_INIT,
  SSH_FXP_LSTAT,
  SSH_FXP_MKDIR,
  SSH_FXP_OPEN,
  SSH_FXP_OPENDIR,
  SSH_FXP_READ,
  SSH_FXP_READDIR,
  SSH_FXP_READLINK,
  SSH_FXP_REALPATH,
  SSH_FXP_REMOVE,
  SSH_FXP_RENAME,
  SSH_FXP_RMDIR,
  SSH_FXP_SETSTAT,
  SSH_FXP_STAT,
  SSH_FXP_SYMLINK,
  SSH_FXP_WRITE,
} from './constants.js';
import { PacketWriter } from './packet-writer.js';
import { SftpError } from './sftp-error.js';

/** A request that names one path. */
export interface PathRequest {
  readonly type: 'lstat' | 'stat' | 'opendir' | 'remove' | 'rmdir' | 'realpath' | 'readlink';
  readonly path: Uint8Array;
}

/** A request that names one open handle. */
export interface HandleRequest {
  readonly type: 'close' | 'fstat' | 'readdir';
  readonly handle: Uint8Array;
}

/** Every SFTP v3 client request, plus EXTENDED with a pre-encoded body. */
export type SftpRequest =
  | PathRequest
  | HandleRequest
  | {
      readonly type: 'open';
      readonly path: Uint8Array;
      readonly pflags: number;
      readonly attributes: FileAttributes;
    }
  | {
      readonly type: 'read';
      readonly handle: Uint8Array;
      readonly offset: number;
      readonly length: number;
    }
  | {
      readonly type: 'write';
      readonly handle: Uint8Array;
      readonly offset: number;
      readonly data: Uint8Array;
      /**
       * The caller leaves `data` untouched until the reply: the packet is
       * then sent as a small header followed by `data` itself instead of a
       * copy (one memcpy per uploaded byte less).
       */
      readonly borrowed?: boolean;
    }
  | { readonly type: 'setstat'; readonly path: Uint8Array; readonly attributes: FileAttributes }
  | { readonly type: 'fsetstat'; readonly handle: Uint8Array; readonly attributes: FileAttributes }
  | { readonly type: 'mkdir'; readonly path: Uint8Array; readonly attributes: FileAttributes }
  | { readonly type: 'rename'; readonly from: Uint8Array; readonly to: Uint8Array }
  | {
      readonly type: 'symlink';
      /** What the link points to. */
      readonly target: Uint8Array;
      /** Where the link is created. */
      readonly linkPath: Uint8Array;
    }
  | { readonly type: 'extended'; readonly name: string; readonly body: Uint8Array };

const PATH_REQUEST_TYPES = {
  lstat: SSH_FXP_LSTAT,
  stat: SSH_FXP_STAT,
  opendir: SSH_FXP_OPENDIR,
  remove: SSH_FXP_REMOVE,
  rmdir: SSH_FXP_RMDIR,
  realpath: SSH_FXP_REALPATH,
  readlink: SSH_FXP_READLINK,
} as const;

const HANDLE_REQUEST_TYPES = {
  close: SSH_FXP_CLOSE,
  fstat: SSH_FXP_FSTAT,
  readdir: SSH_FXP_READDIR,
} as const;

/** SSH_FXP_INIT announcing version 3 and no client extensions. */
export function encodeInit(): Uint8Array {
  return new PacketWriter(16).byte(SSH_FXP_INIT).uint32(SSH_FILEXFER_VERSION).finish();
}

/** Encodes one request with its id into a complete packet (length prefix included). */
export function encodeRequest(
  id: number,
  request: SftpRequest,
  allocate?: (size: number) => Uint8Array,
): Uint8Array {
  switch (request.type) {
    case 'lstat':
    case 'stat':
    case 'opendir':
    case 'remove':
    case 'rmdir':
    case 'realpath':
    case 'readlink':
      return start(PATH_REQUEST_TYPES[request.type], id, request.path.byteLength)
        .string(request.path)
        .finish();
    case 'close':
    case 'fstat':
    case 'readdir':
      return start(HANDLE_REQUEST_TYPES[request.type], id, request.handle.byteLength)
        .string(request.handle)
        .finish();
    case 'open': {
      const writer = start(SSH_FXP_OPEN, id, request.path.byteLength + 32);
      writer.string(request.path).uint32(request.pflags);
      writeAttributes(writer, request.attributes);
      return writer.finish();
    }
    case 'read':
      return start(SSH_FXP_READ, id, request.handle.byteLength + 12)
        .string(request.handle)
        .uint64(request.offset)
        .uint32(request.length)
        .finish();
    case 'write':
      // Sized so a pooled buffer is never outgrown: 4+1+4 header, 4+handle,
      // 8 offset, 4+data (start() adds 16 for the header).
      return start(
        SSH_FXP_WRITE,
        id,
        request.handle.byteLength + request.data.byteLength + 16,
        allocate,
      )
        .string(request.handle)
        .uint64(request.offset)
        .string(request.data)
        .finish();
    case 'setstat':
    case 'mkdir': {
      const writer = start(
        request.type === 'setstat' ? SSH_FXP_SETSTAT : SSH_FXP_MKDIR,
        id,
        request.path.byteLength + 32,
      );
      writer.string(request.path);
      writeAttributes(writer, request.attributes);
      return writer.finish();
    }
    case 'fsetstat': {
      const writer = start(SSH_FXP_FSETSTAT, id, request.handle.byteLength + 32);
      writer.string(request.handle);
      writeAttributes(writer, request.attributes);
      return writer.finish();
    }
    case 'rename':
      return start(SSH_FXP_RENAME, id, request.from.byteLength + request.to.byteLength + 8)
        .string(request.from)
        .string(request.to)
        .finish();
    case 'symlink':
      // OpenSSH's sftp-server reads the two paths in the reverse of the
      // draft's order (PROTOCOL §4.1); every deployed server follows it.
      return start(SSH_FXP_SYMLINK, id, request.target.byteLength + request.linkPath.byteLength + 8)
        .string(request.target)
        .string(request.linkPath)
        .finish();
    case 'extended':
      return start(SSH_FXP_EXTENDED, id, request.name.length + request.body.byteLength + 8)
        .string(request.name)
        .raw(request.body)
        .finish();
  }
}

/**
 * The part of a WRITE packet before its data: length prefix (covering the
 * data too), type, id, handle, offset and the data's length. Sent followed
 * by the data itself, it is the same packet as `encodeRequest` builds.
 */
export function encodeWriteHeader(
  id: number,
  handle: Uint8Array,
  offset: number,
  dataLength: number,
): Uint8Array {
  const header = start(SSH_FXP_WRITE, id, handle.byteLength + 16)
    .string(handle)
    .uint64(offset)
    .uint32(dataLength)
    .finish();
  const total = header.byteLength - 4 + dataLength;
  if (total > 0xffff_ffff) throw new SftpError('invalid-argument', 'WRITE packet too large');
  new DataView(header.buffer, header.byteOffset, 4).setUint32(0, total);
  return header;
}

function start(
  type: number,
  id: number,
  bodyHint: number,
  allocate?: (size: number) => Uint8Array,
): PacketWriter {
  return new PacketWriter(bodyHint + 16, allocate).byte(type).uint32(id);
}
