import type { Readable, Writable } from 'node:stream';
import type { FileAttributes } from './attributes.js';
import { EXTENSION_LIMITS, EXTENSION_POSIX_RENAME } from './constants.js';
import type { SftpDirent } from './directory-entry.js';
import { fastGet, fastPut, type FastTransferOptions } from './fast-transfer.js';
import { SftpFileHandle } from './file-handle.js';
import { listDirectory } from './list-directory.js';
import { isAppend, type OpenFlags, toPflags } from './open-flags.js';
import { decodeLenient, displayPath, pathToBytes, type RemotePath } from './path-bytes.js';
import { ProtocolClient, type ServerLimits } from './protocol-client.js';
import { createReadStream, type ReadStreamOptions } from './read-stream.js';
import { copyBetweenHandles } from './remote-copy.js';
import { remoteRenamer } from './remote-rename.js';
import { RequestEngine } from './request-engine.js';
import { SftpError } from './sftp-error.js';
import type { SftpChild, SftpSession } from './sftp-session.js';
import { SftpStats } from './stats.js';
import type { StatVfs } from './statvfs.js';
import { TildeResolver } from './tilde-resolver.js';
import { toAttributeTimes, type TimeLike } from './time-like.js';
import { positiveInteger, transferContext, type TransferContext } from './transfer-settings.js';
import { makeDirectoryRecursive, removeRecursive } from './tree-operations.js';
import { SftpWriteStream, type WriteStreamOptions } from './write-stream.js';

/** Options of {@link Sftp.connect} and {@link Sftp.fromStreams}. */
export interface SftpOptions {
  /** Requests in flight per transfer. Default {@link DEFAULT_CONCURRENCY}. */
  readonly concurrency?: number;
  /** Largest block per READ/WRITE; capped at what `limits@openssh.com` allows. */
  readonly blockSize?: number;
  /** Aborts connecting. */
  readonly signal?: AbortSignal;
}

/** Options of {@link Sftp.fromStreams}. */
export interface SftpStreamsOptions extends SftpOptions {
  /** Called once by `close()` after our side was ended, e.g. to reap a child process. */
  readonly onClose?: () => void | Promise<void>;
}

/** Options of {@link Sftp.readdir}. */
export interface ReaddirOptions {
  /** Return {@link SftpDirent}s (name, bytes, attributes) instead of names. */
  readonly withFileTypes?: boolean;
  /** `'buffer'`: names as raw bytes, for names that are not UTF-8. */
  readonly encoding?: 'utf8' | 'buffer';
}

/**
 * An SFTP v3 client with OpenSSH's extensions, in the spirit of
 * `node:fs/promises`. Paths are strings (UTF-8) or `Uint8Array`s (any bytes);
 * a leading `~` or `~user` is expanded on the server.
 *
 * Every method may be called concurrently; replies are matched by request
 * id. When the subsystem's streams end or fail, every pending and later call
 * rejects with `SftpError` code `connection-lost` (after `close()`: `closed`).
 */
export class Sftp implements AsyncDisposable {
  private readonly tilde: TildeResolver;
  private readonly context: TransferContext;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly client: ProtocolClient,
    /** What `limits@openssh.com` reported, if the server offers it. */
    readonly limits: ServerLimits | undefined,
    options: SftpOptions,
    private readonly onClose: (() => void | Promise<void>) | undefined,
  ) {
    this.tilde = new TildeResolver(client);
    this.context = transferContext(client, limits, options.blockSize, options.concurrency);
  }

  /**
   * Opens the `sftp` subsystem on a session (either transport) and
   * completes the SFTP handshake. The subsystem ending, or the session
   * dying, fails every pending operation with `connection-lost`.
   */
  static async connect(session: SftpSession, options: SftpOptions = {}): Promise<Sftp> {
    // Bad options fail before a channel is opened for nothing.
    positiveInteger(options.concurrency, 1, 'concurrency');
    positiveInteger(options.blockSize, 1, 'blockSize');
    let child: SftpChild;
    try {
      child = await session.subsystem('sftp').stdin('pipe').stdout('pipe').stderr('null').spawn();
    } catch (error) {
      // The session's own SshError (e.g. `disconnected`) stays as the cause.
      const reason = error instanceof Error ? error.message : String(error);
      throw new SftpError('connection-lost', `cannot open the sftp subsystem: ${reason}`, {
        cause: error,
        operation: 'connect',
      });
    }
    if (child.stdin === null || child.stdout === null) {
      child.disconnect();
      throw new SftpError('protocol', 'the sftp subsystem has no piped stdio');
    }
    const ended = child.wait().catch(() => undefined);
    const sftp = await Sftp.fromStreams(child.stdout, child.stdin, {
      ...options,
      onClose: async () => {
        // The server exits on EOF of its stdin; if it does not, drop it.
        const timer = setTimeout(() => child.disconnect(), 2000);
        await ended;
        clearTimeout(timer);
      },
    }).catch((error: unknown) => {
      child.disconnect();
      throw error;
    });
    void ended.then(() =>
      sftp.client.engine.fail(new SftpError('connection-lost', 'the sftp subsystem ended')),
    );
    return sftp;
  }

  /**
   * Runs the client over any pair of streams: `readable` carries the
   * server's bytes, `writable` takes ours (e.g. a local `sftp-server`'s
   * stdout and stdin).
   */
  static async fromStreams(
    readable: Readable,
    writable: Writable,
    options: SftpStreamsOptions = {},
  ): Promise<Sftp> {
    const { engine, version } = await RequestEngine.start(readable, writable, options.signal);
    const client = new ProtocolClient(engine, version.extensions);
    try {
      let limits: ServerLimits | undefined;
      if (client.has(EXTENSION_LIMITS)) {
        limits = await client.limits();
        engine.setMaxIncomingPacket(Math.max(limits.maxPacketLength, limits.maxReadLength + 1024));
      }
      return new Sftp(client, limits, options, options.onClose);
    } catch (error) {
      engine.close();
      throw error;
    }
  }

  /** Extensions the server advertised: name → versions. */
  get extensions(): ReadonlyMap<string, readonly string[]> {
    return this.client.extensions;
  }

  /** Whether the server offers `extension` in the version this client implements. */
  supports(extension: string): boolean {
    return this.client.has(extension);
  }

  /** Bytes per READ and WRITE request, and requests in flight per transfer. */
  get transferSettings(): { readBlockSize: number; writeBlockSize: number; concurrency: number } {
    const { readBlockSize, writeBlockSize, concurrency } = this.context;
    return { readBlockSize, writeBlockSize, concurrency };
  }

  /** Path bytes with `~` expanded. */
  private async path(path: RemotePath): Promise<Uint8Array> {
    return this.tilde.resolve(pathToBytes(path));
  }

  /** Opens a file; `flags` as in `fs.open` (or raw SFTP pflags). */
  async open(
    path: RemotePath,
    flags: OpenFlags | number = 'r',
    mode = 0o666,
  ): Promise<SftpFileHandle> {
    const pflags = toPflags(flags);
    const handle = await this.client.open(await this.path(path), pflags, {
      permissions: mode & 0o7777,
    });
    return new SftpFileHandle(this.context, handle, displayPath(path), isAppend(pflags));
  }

  /** Reads a whole file, pipelined. */
  async readFile(path: RemotePath): Promise<Buffer>;
  async readFile(path: RemotePath, options: { encoding: BufferEncoding }): Promise<string>;
  async readFile(
    path: RemotePath,
    options?: { encoding?: BufferEncoding },
  ): Promise<Buffer | string> {
    await using file = await this.open(path, 'r');
    const data = await file.readFile();
    return options?.encoding === undefined ? data : data.toString(options.encoding);
  }

  /** Writes a whole file (created or truncated unless `flag` says otherwise). */
  async writeFile(
    path: RemotePath,
    data: Uint8Array | string,
    options: { mode?: number; flag?: OpenFlags } = {},
  ): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await using file = await this.open(path, options.flag ?? 'w', options.mode ?? 0o666);
    await file.write(bytes, 0, bytes.byteLength, 0);
  }

  /** Appends to a file, creating it if needed. */
  appendFile(
    path: RemotePath,
    data: Uint8Array | string,
    options: { mode?: number } = {},
  ): Promise<void> {
    return this.writeFile(path, data, { ...options, flag: 'a' });
  }

  /** Lists a directory (without `.` and `..`). */
  async readdir(path: RemotePath): Promise<string[]>;
  async readdir(path: RemotePath, options: { withFileTypes: true }): Promise<SftpDirent[]>;
  async readdir(path: RemotePath, options: { encoding: 'buffer' }): Promise<Uint8Array[]>;
  async readdir(
    path: RemotePath,
    options: ReaddirOptions,
  ): Promise<string[] | Uint8Array[] | SftpDirent[]>;
  async readdir(
    path: RemotePath,
    options: ReaddirOptions = {},
  ): Promise<string[] | Uint8Array[] | SftpDirent[]> {
    const entries: SftpDirent[] = [];
    for await (const entry of this.opendir(path)) entries.push(entry);
    if (options.withFileTypes) return entries;
    if (options.encoding === 'buffer') return entries.map((entry) => entry.nameBytes);
    return entries.map((entry) => entry.name);
  }

  /** Iterates a directory's entries batch by batch; for directories too big to hold. */
  async *opendir(path: RemotePath): AsyncGenerator<SftpDirent, void, undefined> {
    yield* listDirectory(this.client, await this.path(path));
  }

  /** Attributes, following symlinks. */
  async stat(path: RemotePath): Promise<SftpStats> {
    return new SftpStats(await this.client.stat(await this.path(path)));
  }

  /** Attributes of the link itself. */
  async lstat(path: RemotePath): Promise<SftpStats> {
    return new SftpStats(await this.client.lstat(await this.path(path)));
  }

  /** Whether a path exists (following symlinks); other errors are thrown. */
  async exists(path: RemotePath): Promise<boolean> {
    try {
      await this.stat(path);
      return true;
    } catch (error) {
      if (SftpError.isInstance(error) && error.code === 'no-such-file') return false;
      throw error;
    }
  }

  /** Sets size, owner, mode and/or times (SSH_FXP_SETSTAT). */
  async setStat(path: RemotePath, attributes: FileAttributes): Promise<void> {
    await this.client.setstat(await this.path(path), attributes);
  }

  /** Sets attributes of a symlink itself (`lsetstat@openssh.com`). */
  async lsetStat(path: RemotePath, attributes: FileAttributes): Promise<void> {
    await this.client.lsetstat(await this.path(path), attributes);
  }

  chmod(path: RemotePath, mode: number): Promise<void> {
    return this.setStat(path, { permissions: mode & 0o7777 });
  }

  chown(path: RemotePath, uid: number, gid: number): Promise<void> {
    return this.setStat(path, { uid, gid });
  }

  utimes(path: RemotePath, atime: TimeLike, mtime: TimeLike): Promise<void> {
    return this.setStat(path, toAttributeTimes(atime, mtime));
  }

  /** Creates a directory; `recursive` creates parents and accepts an existing directory. */
  async mkdir(
    path: RemotePath,
    options: { recursive?: boolean; mode?: number } = {},
  ): Promise<void> {
    const attributes = options.mode === undefined ? {} : { permissions: options.mode & 0o7777 };
    const bytes = await this.path(path);
    if (options.recursive) await makeDirectoryRecursive(this.client, bytes, attributes);
    else await this.client.mkdir(bytes, attributes);
  }

  /** Removes an empty directory. */
  async rmdir(path: RemotePath): Promise<void> {
    await this.client.rmdir(await this.path(path));
  }

  /** Removes a file or symlink. */
  async unlink(path: RemotePath): Promise<void> {
    await this.client.remove(await this.path(path));
  }

  /** Removes a file, or with `recursive` a directory tree; `force` ignores a missing path. */
  async rm(
    path: RemotePath,
    options: { recursive?: boolean; force?: boolean } = {},
  ): Promise<void> {
    const bytes = await this.path(path);
    if (options.recursive) {
      await removeRecursive(this.client, bytes, options.force ?? false);
      return;
    }
    try {
      await this.client.remove(bytes);
    } catch (error) {
      if (options.force && SftpError.isInstance(error) && error.code === 'no-such-file') return;
      throw error;
    }
  }

  /**
   * Renames, replacing an existing destination as POSIX `rename(2)` does when
   * the server offers `posix-rename@openssh.com`; otherwise plain
   * SSH_FXP_RENAME, which fails when the destination exists.
   */
  async rename(from: RemotePath, to: RemotePath): Promise<void> {
    const [source, destination] = await Promise.all([this.path(from), this.path(to)]);
    if (this.client.has(EXTENSION_POSIX_RENAME)) await this.client.posixRename(source, destination);
    else await this.client.rename(source, destination);
  }

  /** Creates a symlink at `path` pointing to `target` (argument order as `fs.symlink`). */
  async symlink(target: RemotePath, path: RemotePath): Promise<void> {
    // The target is stored verbatim, so `~` in it is not expanded.
    await this.client.symlink(pathToBytes(target), await this.path(path));
  }

  /** A symlink's target. */
  async readlink(path: RemotePath): Promise<string>;
  async readlink(path: RemotePath, options: { encoding: 'buffer' }): Promise<Uint8Array>;
  async readlink(
    path: RemotePath,
    options?: { encoding?: 'buffer' },
  ): Promise<string | Uint8Array> {
    const target = await this.client.readlink(await this.path(path));
    return options?.encoding === 'buffer' ? target : decodeLenient(target);
  }

  /** The canonical absolute path (`.` is the start directory, usually home). */
  async realpath(path: RemotePath): Promise<string>;
  async realpath(path: RemotePath, options: { encoding: 'buffer' }): Promise<Uint8Array>;
  async realpath(
    path: RemotePath,
    options?: { encoding?: 'buffer' },
  ): Promise<string | Uint8Array> {
    const resolved = await this.client.realpath(await this.path(path));
    return options?.encoding === 'buffer' ? resolved : decodeLenient(resolved);
  }

  /** Creates a hard link (`hardlink@openssh.com`). */
  async link(existingPath: RemotePath, newPath: RemotePath): Promise<void> {
    const [existing, created] = await Promise.all([this.path(existingPath), this.path(newPath)]);
    await this.client.hardlink(existing, created);
  }

  /** File system statistics (`statvfs@openssh.com`). */
  async statvfs(path: RemotePath): Promise<StatVfs> {
    return this.client.statvfs(await this.path(path));
  }

  /**
   * A user's home directory (default: the login user), via
   * `expand-path@openssh.com` or `home-directory`.
   */
  async homeDirectory(user = ''): Promise<string> {
    // OpenSSH before 9.3 answers home-directory with an empty name by
    // failing, so the login user's home goes through `~` expansion.
    return decodeLenient(await this.tilde.resolve(pathToBytes(`~${user}`)));
  }

  /** Names for uids and gids (`users-groups-by-id@openssh.com`); unknown ids give ''. */
  usersGroupsById(
    uids: readonly number[],
    gids: readonly number[],
  ): Promise<{ users: string[]; groups: string[] }> {
    return this.client.usersGroupsById(uids, gids);
  }

  /**
   * Copies a file on the server: with `copy-data` the bytes never cross the
   * network; otherwise they are read and written back, pipelined.
   */
  async copy(
    from: RemotePath,
    to: RemotePath,
    options: { overwrite?: boolean } = {},
  ): Promise<void> {
    await using source = await this.open(from, 'r');
    const mode = ((await source.stat()).mode ?? 0o644) & 0o7777;
    await using target = await this.open(to, options.overwrite === false ? 'wx' : 'w', mode);
    await copyBetweenHandles(this.context, source.handle, target.handle);
  }

  /** A Readable over a remote file with read-ahead; `start`/`end` as in `fs` (end inclusive). */
  createReadStream(path: RemotePath, options: ReadStreamOptions = {}): Readable {
    return createReadStream(
      {
        client: this.client,
        open: async () => {
          const handle = await this.client.open(await this.path(path), toPflags('r'), {});
          const size = await this.client.fstat(handle).then(
            (attributes) => attributes.size,
            () => undefined,
          );
          return { handle, size };
        },
        blockSize: Math.min(options.blockSize ?? Infinity, this.context.readBlockSize),
        concurrency: options.concurrency ?? this.context.concurrency,
      },
      options,
    );
  }

  /** A Writable to a remote file, writes pipelined; `finish` means every byte is acknowledged. */
  createWriteStream(path: RemotePath, options: WriteStreamOptions = {}): SftpWriteStream {
    const pflags = toPflags(options.flags ?? 'w');
    const mode = (options.mode ?? 0o666) & 0o7777;
    return new SftpWriteStream(
      {
        client: this.client,
        open: async () => this.client.open(await this.path(path), pflags, { permissions: mode }),
        blockSize: Math.min(options.blockSize ?? Infinity, this.context.writeBlockSize),
        // Appends take the server's end-of-file offset: one at a time keeps order.
        concurrency: isAppend(pflags) ? 1 : (options.concurrency ?? this.context.concurrency),
        start: options.start ?? 0,
      },
      options.signal,
    );
  }

  /** Downloads to a local file; see {@link FastTransferOptions}. Never leaves a partial `localPath`. */
  async fastGet(
    remotePath: RemotePath,
    localPath: string,
    options: FastTransferOptions = {},
  ): Promise<void> {
    await fastGet(this.context, await this.path(remotePath), displayPath(remotePath), localPath, {
      ...options,
      ...this.capBlockSize(options.blockSize, this.context.readBlockSize),
    });
  }

  /** Uploads a local file; see {@link FastTransferOptions}. Replaces `remotePath` only when complete. */
  async fastPut(
    localPath: string,
    remotePath: RemotePath,
    options: FastTransferOptions = {},
  ): Promise<void> {
    await fastPut(
      this.context,
      remoteRenamer(this.client),
      localPath,
      await this.path(remotePath),
      {
        ...options,
        ...this.capBlockSize(options.blockSize, this.context.writeBlockSize),
      },
    );
  }

  private capBlockSize(requested: number | undefined, limit: number): { blockSize?: number } {
    return requested === undefined
      ? {}
      : { blockSize: Math.min(positiveInteger(requested, limit, 'blockSize'), limit) };
  }

  /** Whether `close()` was called or the connection was lost. */
  get closed(): boolean {
    return this.closing !== undefined || this.client.engine.error !== undefined;
  }

  /**
   * Ends the session: pending operations reject with `closed`, our side of
   * the stream is ended (the server exits), then the subsystem is reaped.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.client.engine.close();
      await this.onClose?.();
    })();
    return this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
