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
  /** Which request: SSH_FXP_LSTAT, STAT, OPENDIR, REMOVE, RMDIR, REALPATH or READLINK. */
  readonly type: 'lstat' | 'stat' | 'opendir' | 'remove' | 'rmdir' | 'realpath' | 'readlink';
  /** The remote path as raw bytes. */
  readonly path: Uint8Array;
}

/** A request that names one open handle. */
export interface HandleRequest {
  /** Which request: SSH_FXP_CLOSE, FSTAT or READDIR. */
  readonly type: 'close' | 'fstat' | 'readdir';
  /** A handle from an earlier OPEN or OPENDIR reply. */
  readonly handle: Uint8Array;
}

/** Every SFTP v3 client request, plus EXTENDED with a pre-encoded body. */
export type SftpRequest =
  | PathRequest
  | HandleRequest
  | {
      /** SSH_FXP_OPEN (draft §6.3). */
      readonly type: 'open';
      /** The remote path as raw bytes. */
      readonly path: Uint8Array;
      /** `SSH_FXF_*` bits from the `wire` namespace. */
      readonly pflags: number;
      /** Initial attributes if the file is created (e.g. `permissions`). */
      readonly attributes: FileAttributes;
    }
  | {
      /** SSH_FXP_READ (draft §6.4). */
      readonly type: 'read';
      /** A handle from an earlier OPEN or OPENDIR reply. */
      readonly handle: Uint8Array;
      /** Byte offset in the file, 0..2^53-1. */
      readonly offset: number;
      /** Most bytes wanted; the server may return fewer. */
      readonly length: number;
    }
  | {
      /** SSH_FXP_WRITE (draft §6.4). */
      readonly type: 'write';
      /** A handle from an earlier OPEN or OPENDIR reply. */
      readonly handle: Uint8Array;
      /** Byte offset in the file, 0..2^53-1. */
      readonly offset: number;
      /** The bytes to write. */
      readonly data: Uint8Array;
      /**
       * The caller leaves `data` untouched until the reply: the packet is
       * then sent as a small header followed by `data` itself instead of a
       * copy (one memcpy per uploaded byte less).
       */
      readonly borrowed?: boolean;
    }
  | {
      /** SSH_FXP_SETSTAT (draft §6.9). */
      readonly type: 'setstat';
      /** The remote path as raw bytes. */
      readonly path: Uint8Array;
      /** Attributes to apply; absent fields are left unchanged. */
      readonly attributes: FileAttributes;
    }
  | {
      /** SSH_FXP_FSETSTAT (draft §6.9). */
      readonly type: 'fsetstat';
      /** A handle from an earlier OPEN or OPENDIR reply. */
      readonly handle: Uint8Array;
      /** Attributes to apply; absent fields are left unchanged. */
      readonly attributes: FileAttributes;
    }
  | {
      /** SSH_FXP_MKDIR (draft §6.6). */
      readonly type: 'mkdir';
      /** The remote path as raw bytes. */
      readonly path: Uint8Array;
      /** Attributes of the new directory (e.g. `permissions`). */
      readonly attributes: FileAttributes;
    }
  | {
      /** SSH_FXP_RENAME (draft §6.5). */
      readonly type: 'rename';
      /** The existing path. */
      readonly from: Uint8Array;
      /** The new path; the server refuses it if it exists. */
      readonly to: Uint8Array;
    }
  | {
      /** SSH_FXP_SYMLINK (draft §6.10; argument order per PROTOCOL §4.1). */
      readonly type: 'symlink';
      /** What the link points to. */
      readonly target: Uint8Array;
      /** Where the link is created. */
      readonly linkPath: Uint8Array;
    }
  | {
      /** SSH_FXP_EXTENDED (draft §8). */
      readonly type: 'extended';
      /** The extension's name, e.g. `posix-rename@openssh.com`. */
      readonly name: string;
      /** The request body after the name, already encoded. */
      readonly body: Uint8Array;
    };

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
