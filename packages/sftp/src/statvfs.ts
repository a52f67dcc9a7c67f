import { SSH_FXE_STATVFS_ST_NOSUID, SSH_FXE_STATVFS_ST_RDONLY } from './constants.js';
import { PacketReader } from './packet-reader.js';

/**
 * File system statistics from `statvfs@openssh.com` / `fstatvfs@openssh.com`
 * (OpenSSH PROTOCOL §4.4), fields as in POSIX `statvfs`. Each is a uint64
 * on the wire; one above 2^53-1 is clamped to `Number.MAX_SAFE_INTEGER`.
 * Free space for the login user in bytes: `availableBlocks * fragmentSize`.
 */
export interface StatVfs {
  /** `f_bsize`: the file system's preferred block size, in bytes. */
  readonly blockSize: number;
  /** `f_frsize`: the fundamental block size in bytes, the unit of the block counts. */
  readonly fragmentSize: number;
  /** Size of the file system in `fragmentSize` units. */
  readonly blocks: number;
  /** `f_bfree`: free blocks, in `fragmentSize` units, including those only root may use. */
  readonly freeBlocks: number;
  /** Free blocks available to unprivileged users. */
  readonly availableBlocks: number;
  /** `f_files`: total inodes (file slots). */
  readonly files: number;
  /** `f_ffree`: free inodes, including those only root may use. */
  readonly freeFiles: number;
  /** `f_favail`: free inodes available to unprivileged users. */
  readonly availableFiles: number;
  /** `f_fsid`: the file system's id on the server (often clamped: it can exceed 2^53). */
  readonly fileSystemId: number;
  /** `f_flag` bit `SSH_FXE_STATVFS_ST_RDONLY`: mounted read-only. */
  readonly readOnly: boolean;
  /** `f_flag` bit `SSH_FXE_STATVFS_ST_NOSUID`: set-user-id and set-group-id bits are ignored. */
  readonly noSetuid: boolean;
  /** `f_namemax`: the longest file name, in bytes. */
  readonly maxNameLength: number;
}

/** Decodes the EXTENDED_REPLY body of statvfs / fstatvfs (PROTOCOL §4.4). */
export function readStatVfs(data: Uint8Array): StatVfs {
  const reader = new PacketReader(data);
  // Fields can legitimately exceed 2^53 (fsid), so clamp instead of failing.
  const blockSize = reader.uint64Clamped();
  const fragmentSize = reader.uint64Clamped();
  const blocks = reader.uint64Clamped();
  const freeBlocks = reader.uint64Clamped();
  const availableBlocks = reader.uint64Clamped();
  const files = reader.uint64Clamped();
  const freeFiles = reader.uint64Clamped();
  const availableFiles = reader.uint64Clamped();
  const fileSystemId = reader.uint64Clamped();
  const flags = reader.uint64Clamped();
  const maxNameLength = reader.uint64Clamped();
  reader.end('statvfs reply');
  return {
    blockSize,
    fragmentSize,
    blocks,
    freeBlocks,
    availableBlocks,
    files,
    freeFiles,
    availableFiles,
    fileSystemId,
    readOnly: (flags & SSH_FXE_STATVFS_ST_RDONLY) !== 0,
    noSetuid: (flags & SSH_FXE_STATVFS_ST_NOSUID) !== 0,
    maxNameLength,
  };
}
