import type { ProtocolClient } from './protocol-client.js';

/** What every transfer on one Sftp instance shares: the protocol and block sizes. */
export interface TransferContext {
  readonly client: ProtocolClient;
  /** Bytes per READ request. */
  readonly readBlockSize: number;
  /** Bytes per WRITE request. */
  readonly writeBlockSize: number;
  /** Requests in flight per transfer. */
  readonly concurrency: number;
}

/** Per-call overrides of the instance's transfer settings. */
export interface TransferOptions {
  /** Requests in flight for this transfer. */
  readonly concurrency?: number;
  /** Bytes per request (capped at the server's limits). */
  readonly blockSize?: number;
  readonly signal?: AbortSignal;
}
