import { SSH_FXE_STATVFS_ST_NOSUID, SSH_FXE_STATVFS_ST_RDONLY } from './constants.js';
import { PacketReader } from './packet-reader.js';

/** File system statistics from `statvfs@openssh.com` (fields as in POSIX statvfs). */
export interface StatVfs {
  readonly blockSize: number;
  readonly fragmentSize: number;
  /** Size of the file system in `fragmentSize` units. */
  readonly blocks: number;
  readonly freeBlocks: number;
  /** Free blocks available to unprivileged users. */
  readonly availableBlocks: number;
  readonly files: number;
  readonly freeFiles: number;
  readonly availableFiles: number;
  readonly fileSystemId: number;
  readonly readOnly: boolean;
  readonly noSetuid: boolean;
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
