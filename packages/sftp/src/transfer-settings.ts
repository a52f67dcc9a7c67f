import type { ProtocolClient, ServerLimits } from './protocol-client.js';
import { SftpError } from './sftp-error.js';

/**
 * Requests in flight per transfer by default. Measured 2026-11-21 (2 cores,
 * OpenSSH 9.2 sftp-server over a pipe, 255 KiB blocks, 512 MiB): downloads
 * reach ~610–650 MiB/s from 16 requests on and ~300–550 at 4–8; uploads are
 * flat from 8 on; CPU per GiB is the same at every depth. Through sshd on
 * loopback the depth made no measurable difference. 64 matches OpenSSH's
 * `sftp -R 64` and keeps the pipe full when the link has real latency.
 */
export const DEFAULT_CONCURRENCY = 64;

/**
 * SFTP sessions one fastGet/fastPut of a large file is spread over by
 * default (`channels` of `Sftp.connect`).
 */
export const DEFAULT_CHANNELS = 4;
/** Never more sessions than this for one transfer: each is a server process and a MaxSessions slot. */
export const MAX_CHANNELS = 16;

/** Block size when the server does not state limits (the draft guarantees 32 KiB). */
const FALLBACK_BLOCK_SIZE = 32 * 1024;
/** Never use blocks above this, whatever a server claims. */
const MAX_BLOCK_SIZE = 4 * 1024 * 1024;
/** Room for a WRITE's header inside the server's max-packet-length. */
const WRITE_HEADER_ROOM = 1024;

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

/** A positive integer option, or `fallback` when not given. */
export function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new SftpError('invalid-argument', `${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/**
 * Block sizes from `limits@openssh.com` (a WRITE must also fit the server's
 * max-packet-length with its header), capped by the caller's `blockSize`
 * and by a sanity bound a lying server cannot raise.
 */
export function transferContext(
  client: ProtocolClient,
  limits: ServerLimits | undefined,
  blockSize: number | undefined,
  concurrency: number | undefined,
): TransferContext {
  const cap = positiveInteger(blockSize, MAX_BLOCK_SIZE, 'blockSize');
  const readLimit = limits?.maxReadLength || FALLBACK_BLOCK_SIZE;
  const packetRoom = limits?.maxPacketLength
    ? limits.maxPacketLength - WRITE_HEADER_ROOM
    : Infinity;
  const writeLimit = Math.min(limits?.maxWriteLength || FALLBACK_BLOCK_SIZE, packetRoom);
  return {
    client,
    readBlockSize: Math.max(1, Math.min(cap, readLimit, MAX_BLOCK_SIZE)),
    writeBlockSize: Math.max(1, Math.min(cap, writeLimit, MAX_BLOCK_SIZE)),
    concurrency: positiveInteger(concurrency, DEFAULT_CONCURRENCY, 'concurrency'),
  };
}
