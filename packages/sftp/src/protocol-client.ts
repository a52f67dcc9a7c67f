import { type FileAttributes, writeAttributes } from './attributes.js';
import {
  EXTENSION_COPY_DATA,
  EXTENSION_EXPAND_PATH,
  EXTENSION_FSTATVFS,
  EXTENSION_FSYNC,
  EXTENSION_HARDLINK,
  EXTENSION_HOME_DIRECTORY,
  EXTENSION_LIMITS,
  EXTENSION_LSETSTAT,
  EXTENSION_POSIX_RENAME,
  EXTENSION_STATVFS,
  EXTENSION_USERS_GROUPS_BY_ID,
  SSH_FX_EOF,
  SSH_FX_OK,
  SUPPORTED_EXTENSION_VERSIONS,
} from './constants.js';
import { PacketReader } from './packet-reader.js';
import { encodeFields } from './packet-writer.js';
import { decodeLenient } from './path-bytes.js';
import type { RequestEngine } from './request-engine.js';
import type { SftpRequest } from './requests.js';
import type { NameEntry, SftpResponse } from './responses.js';
import { SftpError, statusToCode } from './sftp-error.js';
import { type StatVfs, readStatVfs } from './statvfs.js';

/**
 * What `limits@openssh.com` reported (OpenSSH PROTOCOL §4.8), in the order
 * of its reply; 0 means "no specific limit". Each is a uint64 on the wire,
 * clamped to `Number.MAX_SAFE_INTEGER`.
 */
export interface ServerLimits {
  /**
   * Most bytes in one SFTP packet (OpenSSH: 262144, 256 KiB). Bounds WRITE
   * blocks (with 1024 bytes of header room), and with `maxReadLength` the
   * replies this client accepts (never above 16 MiB).
   */
  readonly maxPacketLength: number;
  /**
   * Most bytes one SSH_FXP_READ returns (OpenSSH: 261120, 255 KiB); the
   * read block size is capped by it.
   */
  readonly maxReadLength: number;
  /**
   * Most bytes of one SSH_FXP_WRITE the server accepts (OpenSSH: 261120,
   * 255 KiB); the write block size is capped by it.
   */
  readonly maxWriteLength: number;
  /**
   * Most handles open at once (OpenSSH: its RLIMIT_NOFILE less 5); servers
   * may count internal descriptors, so expect fewer. Informational: this
   * client does not enforce it.
   */
  readonly maxOpenHandles: number;
}

/** Context for errors: the operation and the paths involved. */
interface Context {
  readonly operation: string;
  readonly path?: Uint8Array;
  readonly destination?: Uint8Array;
}

/**
 * Typed SFTP operations over a {@link RequestEngine}: each method sends one
 * request and turns the reply into a value or an `SftpError` naming the
 * operation and path. Reply types other than the expected ones are
 * `protocol` errors. Extension methods throw `unsupported` unless the server
 * advertised the extension with the version this client implements.
 */
export class ProtocolClient {
  constructor(
    readonly engine: RequestEngine,
    readonly extensions: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** Whether the server advertised `name` with the version this client implements. */
  has(name: string): boolean {
    const wanted = SUPPORTED_EXTENSION_VERSIONS.get(name);
    return wanted !== undefined && (this.extensions.get(name)?.includes(wanted) ?? false);
  }

  open(path: Uint8Array, pflags: number, attributes: FileAttributes): Promise<Uint8Array> {
    return this.handle({ type: 'open', path, pflags, attributes }, { operation: 'open', path });
  }

  opendir(path: Uint8Array): Promise<Uint8Array> {
    return this.handle({ type: 'opendir', path }, { operation: 'opendir', path });
  }

  close(handle: Uint8Array): Promise<void> {
    return this.status({ type: 'close', handle }, { operation: 'close' });
  }

  /** Reads up to `length` bytes; null at end of file. */
  async read(handle: Uint8Array, offset: number, length: number): Promise<Uint8Array | null> {
    const context = { operation: 'read' };
    const reply = await this.call({ type: 'read', handle, offset, length }, context);
    if (reply.type === 'data') {
      if (reply.data.byteLength > length) {
        throw new SftpError(
          'protocol',
          `server returned ${reply.data.byteLength} bytes for a read of ${length}`,
        );
      }
      return reply.data;
    }
    if (reply.type === 'status' && reply.status === SSH_FX_EOF) return null;
    throw this.unexpected(reply, context);
  }

  /**
   * Writes `data` at `offset`. With `borrowed`, the caller must leave `data`
   * untouched until the returned promise settles (it is sent as is, not
   * copied); otherwise it may reuse it at once.
   */
  write(handle: Uint8Array, offset: number, data: Uint8Array, borrowed = false): Promise<void> {
    return this.status({ type: 'write', handle, offset, data, borrowed }, { operation: 'write' });
  }

  stat(path: Uint8Array): Promise<FileAttributes> {
    return this.attrs({ type: 'stat', path }, { operation: 'stat', path });
  }

  lstat(path: Uint8Array): Promise<FileAttributes> {
    return this.attrs({ type: 'lstat', path }, { operation: 'lstat', path });
  }

  fstat(handle: Uint8Array): Promise<FileAttributes> {
    return this.attrs({ type: 'fstat', handle }, { operation: 'fstat' });
  }

  setstat(path: Uint8Array, attributes: FileAttributes): Promise<void> {
    return this.status({ type: 'setstat', path, attributes }, { operation: 'setstat', path });
  }

  fsetstat(handle: Uint8Array, attributes: FileAttributes): Promise<void> {
    return this.status({ type: 'fsetstat', handle, attributes }, { operation: 'fsetstat' });
  }

  /** One batch of directory entries; null once the directory is exhausted. */
  async readdir(handle: Uint8Array, path: Uint8Array): Promise<readonly NameEntry[] | null> {
    const context = { operation: 'readdir', path };
    const reply = await this.call({ type: 'readdir', handle }, context);
    if (reply.type === 'name') return reply.entries;
    if (reply.type === 'status' && reply.status === SSH_FX_EOF) return null;
    throw this.unexpected(reply, context);
  }

  remove(path: Uint8Array): Promise<void> {
    return this.status({ type: 'remove', path }, { operation: 'remove', path });
  }

  mkdir(path: Uint8Array, attributes: FileAttributes): Promise<void> {
    return this.status({ type: 'mkdir', path, attributes }, { operation: 'mkdir', path });
  }

  rmdir(path: Uint8Array): Promise<void> {
    return this.status({ type: 'rmdir', path }, { operation: 'rmdir', path });
  }

  realpath(path: Uint8Array): Promise<Uint8Array> {
    return this.singleName({ type: 'realpath', path }, { operation: 'realpath', path });
  }

  readlink(path: Uint8Array): Promise<Uint8Array> {
    return this.singleName({ type: 'readlink', path }, { operation: 'readlink', path });
  }

  rename(from: Uint8Array, to: Uint8Array): Promise<void> {
    return this.status(
      { type: 'rename', from, to },
      { operation: 'rename', path: from, destination: to },
    );
  }

  symlink(target: Uint8Array, linkPath: Uint8Array): Promise<void> {
    return this.status(
      { type: 'symlink', target, linkPath },
      { operation: 'symlink', path: linkPath, destination: target },
    );
  }

  posixRename(from: Uint8Array, to: Uint8Array): Promise<void> {
    return this.status(
      this.extended(EXTENSION_POSIX_RENAME, (w) => w.string(from).string(to)),
      {
        operation: EXTENSION_POSIX_RENAME,
        path: from,
        destination: to,
      },
    );
  }

  hardlink(existing: Uint8Array, newPath: Uint8Array): Promise<void> {
    return this.status(
      this.extended(EXTENSION_HARDLINK, (w) => w.string(existing).string(newPath)),
      {
        operation: EXTENSION_HARDLINK,
        path: newPath,
        destination: existing,
      },
    );
  }

  fsync(handle: Uint8Array): Promise<void> {
    return this.status(
      this.extended(EXTENSION_FSYNC, (w) => w.string(handle)),
      {
        operation: EXTENSION_FSYNC,
      },
    );
  }

  lsetstat(path: Uint8Array, attributes: FileAttributes): Promise<void> {
    return this.status(
      this.extended(EXTENSION_LSETSTAT, (w) => {
        w.string(path);
        writeAttributes(w, attributes);
      }),
      { operation: EXTENSION_LSETSTAT, path },
    );
  }

  async statvfs(path: Uint8Array): Promise<StatVfs> {
    const context = { operation: EXTENSION_STATVFS, path };
    return readStatVfs(
      await this.extendedReply(
        this.extended(EXTENSION_STATVFS, (w) => w.string(path)),
        context,
      ),
    );
  }

  async fstatvfs(handle: Uint8Array): Promise<StatVfs> {
    const context = { operation: EXTENSION_FSTATVFS };
    return readStatVfs(
      await this.extendedReply(
        this.extended(EXTENSION_FSTATVFS, (w) => w.string(handle)),
        context,
      ),
    );
  }

  async limits(): Promise<ServerLimits> {
    const data = await this.extendedReply(
      this.extended(EXTENSION_LIMITS, () => undefined),
      {
        operation: EXTENSION_LIMITS,
      },
    );
    const reader = new PacketReader(data);
    const limits = {
      maxPacketLength: reader.uint64Clamped(),
      maxReadLength: reader.uint64Clamped(),
      maxWriteLength: reader.uint64Clamped(),
      maxOpenHandles: reader.uint64Clamped(),
    };
    reader.end(EXTENSION_LIMITS);
    return limits;
  }

  expandPath(path: Uint8Array): Promise<Uint8Array> {
    return this.singleName(
      this.extended(EXTENSION_EXPAND_PATH, (w) => w.string(path)),
      {
        operation: EXTENSION_EXPAND_PATH,
        path,
      },
    );
  }

  homeDirectory(user: string): Promise<Uint8Array> {
    return this.singleName(
      this.extended(EXTENSION_HOME_DIRECTORY, (w) => w.string(user)),
      {
        operation: EXTENSION_HOME_DIRECTORY,
      },
    );
  }

  /** Server-side copy of `length` bytes (0: to end of file) between two open handles. */
  copyData(
    from: Uint8Array,
    fromOffset: number,
    length: number,
    to: Uint8Array,
    toOffset: number,
  ): Promise<void> {
    return this.status(
      this.extended(EXTENSION_COPY_DATA, (w) =>
        w.string(from).uint64(fromOffset).uint64(length).string(to).uint64(toOffset),
      ),
      { operation: EXTENSION_COPY_DATA },
    );
  }

  async usersGroupsById(
    uids: readonly number[],
    gids: readonly number[],
  ): Promise<{ users: string[]; groups: string[] }> {
    const packIds = (ids: readonly number[]): Uint8Array =>
      encodeFields((w) => {
        for (const id of ids) w.uint32(id);
      });
    const data = await this.extendedReply(
      this.extended(EXTENSION_USERS_GROUPS_BY_ID, (w) =>
        w.string(packIds(uids)).string(packIds(gids)),
      ),
      { operation: EXTENSION_USERS_GROUPS_BY_ID },
    );
    const reader = new PacketReader(data);
    const readNames = (bytes: Uint8Array, expected: number): string[] => {
      const inner = new PacketReader(bytes);
      const names: string[] = [];
      while (inner.remaining > 0) names.push(inner.text());
      if (names.length !== expected) {
        throw new SftpError(
          'protocol',
          `${EXTENSION_USERS_GROUPS_BY_ID}: ${names.length} names for ${expected} ids`,
        );
      }
      return names;
    };
    const users = readNames(reader.string(), uids.length);
    const groups = readNames(reader.string(), gids.length);
    reader.end(EXTENSION_USERS_GROUPS_BY_ID);
    return { users, groups };
  }

  private extended(name: string, build: Parameters<typeof encodeFields>[0]): SftpRequest {
    if (!this.has(name)) {
      throw new SftpError('unsupported', `the SFTP server does not support ${name}`, {
        operation: name,
      });
    }
    return { type: 'extended', name, body: encodeFields(build) };
  }

  private async call(request: SftpRequest, context: Context): Promise<SftpResponse> {
    try {
      return await this.engine.request(request);
    } catch (error) {
      throw withContext(error, context);
    }
  }

  private async status(request: SftpRequest, context: Context): Promise<void> {
    const reply = await this.call(request, context);
    if (reply.type === 'status' && reply.status === SSH_FX_OK) return;
    throw this.unexpected(reply, context);
  }

  private async handle(request: SftpRequest, context: Context): Promise<Uint8Array> {
    const reply = await this.call(request, context);
    if (reply.type === 'handle') return reply.handle;
    throw this.unexpected(reply, context);
  }

  private async attrs(request: SftpRequest, context: Context): Promise<FileAttributes> {
    const reply = await this.call(request, context);
    if (reply.type === 'attrs') return reply.attributes;
    throw this.unexpected(reply, context);
  }

  private async singleName(request: SftpRequest, context: Context): Promise<Uint8Array> {
    const reply = await this.call(request, context);
    if (reply.type === 'name' && reply.entries.length === 1) return reply.entries[0]!.filename;
    throw this.unexpected(reply, context);
  }

  private async extendedReply(request: SftpRequest, context: Context): Promise<Uint8Array> {
    const reply = await this.call(request, context);
    if (reply.type === 'extended-reply') return reply.data;
    throw this.unexpected(reply, context);
  }

  private unexpected(reply: SftpResponse, context: Context): SftpError {
    const details = contextDetails(context);
    if (reply.type === 'status') {
      const code = statusToCode(reply.status);
      const where = details.path === undefined ? '' : ` '${details.path}'`;
      const text = reply.message === '' ? code : reply.message;
      return new SftpError(code, `${context.operation}${where}: ${text}`, {
        ...details,
        status: reply.status,
        serverMessage: reply.message,
      });
    }
    return new SftpError(
      'protocol',
      `${context.operation}: unexpected ${reply.type} reply`,
      details,
    );
  }
}

function contextDetails(context: Context): {
  operation: string;
  path?: string;
  destination?: string;
} {
  return {
    operation: context.operation,
    ...(context.path === undefined ? {} : { path: decodeLenient(context.path) }),
    ...(context.destination === undefined
      ? {}
      : { destination: decodeLenient(context.destination) }),
  };
}

function withContext(error: unknown, context: Context): unknown {
  if (!SftpError.isInstance(error) || error.operation !== undefined) return error;
  const details = contextDetails(context);
  return new SftpError(error.code, `${context.operation}: ${error.message}`, {
    ...details,
    cause: error,
  });
}
