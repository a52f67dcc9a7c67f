import {
  SSH_FILEXFER_ATTR_ACMODTIME,
  SSH_FILEXFER_ATTR_EXTENDED,
  SSH_FILEXFER_ATTR_PERMISSIONS,
  SSH_FILEXFER_ATTR_SIZE,
  SSH_FILEXFER_ATTR_UIDGID,
} from './constants.js';
import type { PacketReader } from './packet-reader.js';
import type { PacketWriter } from './packet-writer.js';
import { SftpError } from './sftp-error.js';

/** One vendor attribute (ATTR_EXTENDED): a name and opaque data. */
export interface ExtendedAttribute {
  /**
   * `extended_type`: by the draft's convention `name@domain`
   * (draft-ietf-secsh-filexfer-02 §5).
   */
  readonly type: string;
  /** `extended_data`: opaque bytes, meaningful to that vendor. */
  readonly data: Uint8Array;
}

/**
 * File attributes as SFTP v3 carries them (draft §5). Every field is
 * optional on the wire; `uid`/`gid` and `atime`/`mtime` travel in pairs.
 * Times are whole seconds since the epoch.
 */
export interface FileAttributes {
  /**
   * Size in bytes (uint64, up to 2^53-1 here). Set by SETSTAT/FSETSTAT, it
   * truncates or extends the file.
   */
  readonly size?: number;
  /** Numeric owner id, 0..2^32-1; sent only together with `gid` (else `invalid-argument`). */
  readonly uid?: number;
  /** Numeric group id, 0..2^32-1; sent only together with `uid`. */
  readonly gid?: number;
  /** `st_mode`: file type bits and permission bits. */
  readonly permissions?: number;
  /**
   * Last access time in whole seconds since the epoch, 0..2^32-1; sent
   * only together with `mtime`.
   */
  readonly atime?: number;
  /**
   * Last modification time in whole seconds since the epoch, 0..2^32-1;
   * sent only together with `atime`.
   */
  readonly mtime?: number;
  /** Vendor-specific attributes; sent only when non-empty. */
  readonly extended?: readonly ExtendedAttribute[];
}

/** Reads an ATTRS structure. */
export function readAttributes(reader: PacketReader): FileAttributes {
  const flags = reader.uint32();
  const attributes: {
    size?: number;
    uid?: number;
    gid?: number;
    permissions?: number;
    atime?: number;
    mtime?: number;
    extended?: ExtendedAttribute[];
  } = {};
  if (flags & SSH_FILEXFER_ATTR_SIZE) attributes.size = reader.uint64();
  if (flags & SSH_FILEXFER_ATTR_UIDGID) {
    attributes.uid = reader.uint32();
    attributes.gid = reader.uint32();
  }
  if (flags & SSH_FILEXFER_ATTR_PERMISSIONS) attributes.permissions = reader.uint32();
  if (flags & SSH_FILEXFER_ATTR_ACMODTIME) {
    attributes.atime = reader.uint32();
    attributes.mtime = reader.uint32();
  }
  if (flags & SSH_FILEXFER_ATTR_EXTENDED) {
    const count = reader.uint32();
    // Each pair needs at least 8 bytes, so a lying count fails on the
    // length check instead of looping for billions of iterations.
    if (count * 8 > reader.remaining) {
      throw new SftpError('protocol', `SFTP attributes claim ${count} extended pairs`);
    }
    const extended: ExtendedAttribute[] = [];
    for (let index = 0; index < count; index++) {
      extended.push({ type: reader.text(), data: reader.string() });
    }
    attributes.extended = extended;
  }
  return attributes;
}

function checkUint32(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new SftpError(
      'invalid-argument',
      `${name} must be an integer in 0..2^32-1, got ${value}`,
    );
  }
  return value;
}

/** Writes an ATTRS structure; pairs must be given complete. */
export function writeAttributes(writer: PacketWriter, attributes: FileAttributes): void {
  let flags = 0;
  if (attributes.size !== undefined) flags |= SSH_FILEXFER_ATTR_SIZE;
  const hasUid = attributes.uid !== undefined;
  if (hasUid !== (attributes.gid !== undefined)) {
    throw new SftpError('invalid-argument', 'uid and gid must be set together');
  }
  if (hasUid) flags |= SSH_FILEXFER_ATTR_UIDGID;
  if (attributes.permissions !== undefined) flags |= SSH_FILEXFER_ATTR_PERMISSIONS;
  const hasAtime = attributes.atime !== undefined;
  if (hasAtime !== (attributes.mtime !== undefined)) {
    throw new SftpError('invalid-argument', 'atime and mtime must be set together');
  }
  if (hasAtime) flags |= SSH_FILEXFER_ATTR_ACMODTIME;
  if (attributes.extended !== undefined && attributes.extended.length > 0) {
    flags |= SSH_FILEXFER_ATTR_EXTENDED;
  }
  writer.uint32(flags);
  if (attributes.size !== undefined) writer.uint64(attributes.size);
  if (attributes.uid !== undefined && attributes.gid !== undefined) {
    writer.uint32(checkUint32(attributes.uid, 'uid')).uint32(checkUint32(attributes.gid, 'gid'));
  }
  if (attributes.permissions !== undefined) {
    writer.uint32(checkUint32(attributes.permissions, 'permissions'));
  }
  if (attributes.atime !== undefined && attributes.mtime !== undefined) {
    writer
      .uint32(checkUint32(attributes.atime, 'atime'))
      .uint32(checkUint32(attributes.mtime, 'mtime'));
  }
  if (flags & SSH_FILEXFER_ATTR_EXTENDED) {
    const extended = attributes.extended ?? [];
    writer.uint32(extended.length);
    for (const { type, data } of extended) writer.string(type).string(data);
  }
}
