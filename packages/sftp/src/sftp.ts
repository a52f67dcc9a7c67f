// The `Sftp` class itself: connecting, the server's extensions and
// settings, closing. Its file operations come from the layers it extends
// (sftp-transfers.ts, sftp-directories.ts, sftp-metadata.ts, sftp-base.ts).
import type { Readable, Writable } from 'node:stream';
import { EXTENSION_LIMITS } from './constants.js';
import { ProtocolClient, type ServerLimits } from './protocol-client.js';
import { RequestEngine } from './request-engine.js';
import { SftpError } from './sftp-error.js';
import type { SftpChild, SftpSession } from './sftp-session.js';
import { SftpTransfers } from './sftp-transfers.js';
import { ParallelChannels } from './parallel-channels.js';
import { DEFAULT_CHANNELS, MAX_CHANNELS, positiveInteger } from './transfer-settings.js';

/** Options of {@link Sftp.connect} and {@link Sftp.fromStreams}. */
export interface SftpOptions {
  /**
   * Requests in flight per transfer (READs or WRITEs of one file handle,
   * stream or fastGet/fastPut). A positive integer, else `invalid-argument`.
   * Default {@link DEFAULT_CONCURRENCY} (64).
   */
  readonly concurrency?: number;
  /**
   * Largest block per READ/WRITE, in bytes; a positive integer, else
   * `invalid-argument`. Capped at what `limits@openssh.com` allows (255 KiB
   * on OpenSSH; 32 KiB when the server states no limits) and at 4 MiB.
   * Default: those caps alone.
   */
  readonly blockSize?: number;
  /**
   * SFTP sessions (each on its own SSH channel) that one `fastGet` /
   * `fastPut` of a file of 8 MiB or more is spread over; at most
   * {@link MAX_CHANNELS}. Every SSH channel has its own flow-control window
   * — sshd grants 2 MiB per channel, so one channel uploads at most 2 MiB
   * per round trip (40 MiB/s at 50 ms) — and several multiply it on a link
   * with latency. The extra sessions are opened on the first such transfer
   * (which starts at once and lets them join as they open) and kept until
   * `close()`; each takes one of the server's MaxSessions. Requests in
   * flight (`concurrency`) are shared between them, so memory does not
   * grow. Only with {@link Sftp.connect}. Default {@link DEFAULT_CHANNELS}.
   */
  readonly channels?: number;
  /**
   * Aborts the SFTP handshake (INIT/VERSION): connecting then rejects with
   * `aborted`. Not passed on to the sessions opened later for `channels`.
   */
  readonly signal?: AbortSignal;
}

/** Options of {@link Sftp.fromStreams}. */
export interface SftpStreamsOptions extends SftpOptions {
  /** Called once by `close()` after our side was ended, e.g. to reap a child process. */
  readonly onClose?: () => void | Promise<void>;
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
export class Sftp extends SftpTransfers implements AsyncDisposable {
  private closing: Promise<void> | undefined;
  private parallel: ParallelChannels | undefined;

  private constructor(
    client: ProtocolClient,
    limits: ServerLimits | undefined,
    options: SftpOptions,
    private readonly onClose: (() => void | Promise<void>) | undefined,
  ) {
    super(client, limits, options);
  }

  /**
   * Opens the `sftp` subsystem on a session (either transport) and
   * completes the SFTP handshake: SSH_FXP_INIT, answered by SSH_FXP_VERSION
   * with the server's extensions (draft-ietf-secsh-filexfer-02 §4), then
   * `limits@openssh.com` (OpenSSH PROTOCOL §4.8) when the server offers it,
   * which sets the block sizes. The subsystem ending, or the session dying,
   * later fails every pending operation with `connection-lost`.
   *
   * Rejects with `SftpError` code `invalid-argument` for an option that is
   * not a positive integer (or `channels` above {@link MAX_CHANNELS}),
   * before any channel is opened; `connection-lost` when the subsystem
   * cannot be started (the session's own error is the `cause`) or its
   * streams end during the handshake; `protocol` when the server does not
   * speak SFTP version 3 or answers malformed; `aborted` when
   * `options.signal` fires during the handshake.
   *
   * @example
   * ```ts
   * import { Session } from '@openssh-ts/session-core';
   * import { nativeTransport } from '@openssh-ts/transport-native';
   * import { Sftp } from '@openssh-ts/sftp';
   *
   * await using session = await Session.connect('deploy@web-1', {
   *   transport: nativeTransport(),
   * });
   * await using sftp = await Sftp.connect(session, { concurrency: 32 });
   * console.log(await sftp.realpath('.')); // the login user's home, e.g. /home/deploy
   * // From OpenSSH's limits@openssh.com: 255 KiB blocks.
   * console.log(sftp.transferSettings);
   * // { readBlockSize: 261120, writeBlockSize: 261120, concurrency: 32 }
   * ```
   */
  static async connect(session: SftpSession, options: SftpOptions = {}): Promise<Sftp> {
    // Bad options fail before a channel is opened for nothing.
    positiveInteger(options.concurrency, 1, 'concurrency');
    positiveInteger(options.blockSize, 1, 'blockSize');
    const channels = positiveInteger(options.channels, DEFAULT_CHANNELS, 'channels');
    if (channels > MAX_CHANNELS) {
      throw new SftpError(
        'invalid-argument',
        `channels must be at most ${MAX_CHANNELS}, got ${channels}`,
      );
    }
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
    if (channels > 1) {
      const { signal: _connecting, ...extraOptions } = options;
      const parallel = new ParallelChannels(channels - 1, async () => {
        const extra = await Sftp.connect(session, { ...extraOptions, channels: 1 });
        return {
          context: extra.context,
          get closed() {
            return extra.closed;
          },
          close: () => extra.close(),
        };
      });
      sftp.parallel = parallel;
      sftp.extras = parallel;
    }
    return sftp;
  }

  /**
   * Runs the client over any pair of streams: `readable` carries the
   * server's bytes, `writable` takes ours (e.g. a local `sftp-server`'s
   * stdout and stdin). Performs the same handshake as {@link Sftp.connect}
   * and rejects the same ways (`invalid-argument`, `connection-lost`,
   * `protocol`, `aborted`); `channels` is ignored (there is no session to
   * open more from).
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

  /**
   * Whether the server offers `extension` in the version this client
   * implements (e.g. `posix-rename@openssh.com` version 1): advertised in
   * SSH_FXP_VERSION (OpenSSH PROTOCOL §4.2). False for extensions this
   * client does not implement, whatever the server says.
   */
  supports(extension: string): boolean {
    return this.client.has(extension);
  }

  /** Bytes per READ and WRITE request, and requests in flight per transfer. */
  get transferSettings(): {
    /**
     * Bytes asked for per SSH_FXP_READ: the smallest of `blockSize`, the
     * server's max-read-length (32 KiB when it states none) and 4 MiB.
     */
    readBlockSize: number;
    /**
     * Bytes sent per SSH_FXP_WRITE: the smallest of `blockSize`, the
     * server's max-write-length (32 KiB when it states none), its
     * max-packet-length less 1024 bytes of header room, and 4 MiB.
     */
    writeBlockSize: number;
    /** Requests in flight per transfer: the `concurrency` option, default 64. */
    concurrency: number;
  } {
    const { readBlockSize, writeBlockSize, concurrency } = this.context;
    return { readBlockSize, writeBlockSize, concurrency };
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
      await Promise.all([this.onClose?.(), this.parallel?.close()]);
    })();
    return this.closing;
  }

  /** `await using` support: the same as {@link Sftp.close}. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
