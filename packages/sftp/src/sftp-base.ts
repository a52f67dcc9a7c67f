// The state every part of `Sftp` shares. `Sftp` is one class assembled from
// a chain of layers, one concept per file (metadata, directories,
// transfers, then the connection itself in sftp.ts), so each method lives
// beside the logic it needs; the order of the chain carries no meaning.
import { NO_EXTRAS, type ExtraContexts } from './parallel-transfer.js';
import { pathToBytes, type RemotePath } from './path-bytes.js';
import type { ProtocolClient, ServerLimits } from './protocol-client.js';
import { TildeResolver } from './tilde-resolver.js';
import { transferContext, type TransferContext } from './transfer-settings.js';

/** The root of {@link Sftp}'s layers: the protocol client, transfer settings and `~` expansion. */
export abstract class SftpBase {
  /**
   * Expands a leading `~` or `~user` of every path through
   * `expand-path@openssh.com` or `home-directory`, once per prefix.
   * Internal to {@link Sftp} (which cannot be subclassed).
   */
  protected readonly tilde: TildeResolver;
  /**
   * The protocol client with the block sizes and requests in flight every
   * transfer uses (see {@link Sftp.transferSettings}). Internal to
   * {@link Sftp}.
   */
  protected readonly context: TransferContext;
  /** The extra sessions fastGet/fastPut spread large files over (`channels`). */
  protected extras: ExtraContexts = NO_EXTRAS;

  protected constructor(
    /**
     * Sends one request per call and turns each reply into a value or an
     * `SftpError`. Internal to {@link Sftp}.
     */
    protected readonly client: ProtocolClient,
    /**
     * What `limits@openssh.com` (OpenSSH PROTOCOL §4.8) reported during the
     * handshake; undefined when the server does not offer it.
     */
    readonly limits: ServerLimits | undefined,
    options: { readonly blockSize?: number; readonly concurrency?: number },
  ) {
    this.tilde = new TildeResolver(client);
    this.context = transferContext(client, limits, options.blockSize, options.concurrency);
  }

  /** Path bytes with `~` expanded. */
  protected async path(path: RemotePath): Promise<Uint8Array> {
    return this.tilde.resolve(pathToBytes(path));
  }
}
