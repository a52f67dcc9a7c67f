// Wire constants of SFTP version 3 (draft-ietf-secsh-filexfer-02), named as
// in the draft and OpenSSH's sftp.h so they can be grepped against both.

/** The protocol version this client speaks. */
export const SSH_FILEXFER_VERSION = 3;

// Packet types (draft §3).
/** Client hello carrying its version (draft §4). */
export const SSH_FXP_INIT = 1;
/** Server reply to INIT: its version and extensions (draft §4). */
export const SSH_FXP_VERSION = 2;
/** Opens a file, answered by HANDLE (draft §6.3). */
export const SSH_FXP_OPEN = 3;
/** Closes a file or directory handle (draft §6.3). */
export const SSH_FXP_CLOSE = 4;
/** Reads up to a length at an offset, answered by DATA (draft §6.4). */
export const SSH_FXP_READ = 5;
/** Writes data at an offset (draft §6.4). */
export const SSH_FXP_WRITE = 6;
/** Attributes of a path without following a final symlink (draft §6.8). */
export const SSH_FXP_LSTAT = 7;
/** Attributes of an open handle (draft §6.8). */
export const SSH_FXP_FSTAT = 8;
/** Sets attributes of a path (draft §6.9). */
export const SSH_FXP_SETSTAT = 9;
/** Sets attributes of an open handle (draft §6.9). */
export const SSH_FXP_FSETSTAT = 10;
/** Opens a directory for listing (draft §6.7). */
export const SSH_FXP_OPENDIR = 11;
/** Next batch of directory entries, answered by NAME or EOF (draft §6.7). */
export const SSH_FXP_READDIR = 12;
/** Removes a file (draft §6.5). */
export const SSH_FXP_REMOVE = 13;
/** Creates a directory (draft §6.6). */
export const SSH_FXP_MKDIR = 14;
/** Removes an empty directory (draft §6.6). */
export const SSH_FXP_RMDIR = 15;
/** Canonicalises a path, answered by a one-entry NAME (draft §6.11). */
export const SSH_FXP_REALPATH = 16;
/** Attributes of a path, following symlinks (draft §6.8). */
export const SSH_FXP_STAT = 17;
/** Renames without overwriting, per the draft (draft §6.5). */
export const SSH_FXP_RENAME = 18;
/** Target of a symlink, answered by a one-entry NAME (draft §6.10). */
export const SSH_FXP_READLINK = 19;
/** Creates a symlink; OpenSSH sends its two paths reversed (PROTOCOL §4.1). */
export const SSH_FXP_SYMLINK = 20;
/** Reply carrying a status code and message (draft §7). */
export const SSH_FXP_STATUS = 101;
/** Reply carrying an opaque handle (draft §7). */
export const SSH_FXP_HANDLE = 102;
/** Reply carrying read bytes (draft §7). */
export const SSH_FXP_DATA = 103;
/** Reply carrying names with attributes (draft §7). */
export const SSH_FXP_NAME = 104;
/** Reply carrying one attribute set (draft §7). */
export const SSH_FXP_ATTRS = 105;
/** Vendor request named by a string (draft §8). */
export const SSH_FXP_EXTENDED = 200;
/** Reply to an EXTENDED request, body defined by the extension (draft §8). */
export const SSH_FXP_EXTENDED_REPLY = 201;

// Attribute flags (draft §5).
/** ATTRS flag: `size` (uint64) present (draft §5). */
export const SSH_FILEXFER_ATTR_SIZE = 0x00000001;
/** ATTRS flag: `uid` and `gid` present (draft §5). */
export const SSH_FILEXFER_ATTR_UIDGID = 0x00000002;
/** ATTRS flag: `permissions` (st_mode) present (draft §5). */
export const SSH_FILEXFER_ATTR_PERMISSIONS = 0x00000004;
/** ATTRS flag: `atime` and `mtime` (uint32 seconds) present (draft §5). */
export const SSH_FILEXFER_ATTR_ACMODTIME = 0x00000008;
/** ATTRS flag: extended name/data pairs present (draft §5). */
export const SSH_FILEXFER_ATTR_EXTENDED = 0x80000000;

// OPEN pflags (draft §6.3).
/** OPEN pflag: open for reading (draft §6.3). */
export const SSH_FXF_READ = 0x00000001;
/** OPEN pflag: open for writing (draft §6.3). */
export const SSH_FXF_WRITE = 0x00000002;
/** OPEN pflag: writes go to the end of the file (draft §6.3). */
export const SSH_FXF_APPEND = 0x00000004;
/** OPEN pflag: create the file if missing (draft §6.3). */
export const SSH_FXF_CREAT = 0x00000008;
/** OPEN pflag: truncate an existing file; needs CREAT (draft §6.3). */
export const SSH_FXF_TRUNC = 0x00000010;
/** OPEN pflag: fail if the file exists; needs CREAT (draft §6.3). */
export const SSH_FXF_EXCL = 0x00000020;

// Status codes (draft §7).
/** Status: success (draft §7). */
export const SSH_FX_OK = 0;
/** Status: end of file, or no more directory entries (draft §7). */
export const SSH_FX_EOF = 1;
/** Status: the path does not exist (draft §7). */
export const SSH_FX_NO_SUCH_FILE = 2;
/** Status: the server user lacks permission (draft §7). */
export const SSH_FX_PERMISSION_DENIED = 3;
/** Status: any other failure; the message says more (draft §7). */
export const SSH_FX_FAILURE = 4;
/** Status: the server could not parse the request (draft §7). */
export const SSH_FX_BAD_MESSAGE = 5;
/** Status: no connection; generated locally, never sent by a server (draft §7). */
export const SSH_FX_NO_CONNECTION = 6;
/** Status: connection lost; generated locally, never sent by a server (draft §7). */
export const SSH_FX_CONNECTION_LOST = 7;
/** Status: the server does not implement the request (draft §7). */
export const SSH_FX_OP_UNSUPPORTED = 8;

// statvfs@openssh.com f_flag bits (PROTOCOL §4.4).
/** statvfs `f_flag` bit: mounted read-only (PROTOCOL §4.4). */
export const SSH_FXE_STATVFS_ST_RDONLY = 0x1;
/** statvfs `f_flag` bit: set-user-id bits ignored (PROTOCOL §4.4). */
export const SSH_FXE_STATVFS_ST_NOSUID = 0x2;

// OpenSSH extension names (PROTOCOL §4), with the version each must carry.
/** Rename that replaces an existing target (PROTOCOL §4.3). */
export const EXTENSION_POSIX_RENAME = 'posix-rename@openssh.com';
/** File system statistics of a path (PROTOCOL §4.4). */
export const EXTENSION_STATVFS = 'statvfs@openssh.com';
/** File system statistics of an open handle (PROTOCOL §4.4). */
export const EXTENSION_FSTATVFS = 'fstatvfs@openssh.com';
/** Creates a hard link (PROTOCOL §4.5). */
export const EXTENSION_HARDLINK = 'hardlink@openssh.com';
/** Flushes an open file to stable storage (PROTOCOL §4.6). */
export const EXTENSION_FSYNC = 'fsync@openssh.com';
/** SETSTAT that does not follow a final symlink (PROTOCOL §4.7). */
export const EXTENSION_LSETSTAT = 'lsetstat@openssh.com';
/** Server packet, read, write and handle limits (PROTOCOL §4.8). */
export const EXTENSION_LIMITS = 'limits@openssh.com';
/** REALPATH that also expands `~` and `~user` (PROTOCOL §4.9). */
export const EXTENSION_EXPAND_PATH = 'expand-path@openssh.com';
/** Server-side copy between two open handles (PROTOCOL §4.10). */
export const EXTENSION_COPY_DATA = 'copy-data';
/** A user's home directory (PROTOCOL §4.11). */
export const EXTENSION_HOME_DIRECTORY = 'home-directory';
/** User and group names for numeric ids (PROTOCOL §4.12). */
export const EXTENSION_USERS_GROUPS_BY_ID = 'users-groups-by-id@openssh.com';

/** The extension versions this client implements; others are ignored. */
export const SUPPORTED_EXTENSION_VERSIONS: ReadonlyMap<string, string> = new Map([
  [EXTENSION_POSIX_RENAME, '1'],
  [EXTENSION_STATVFS, '2'],
  [EXTENSION_FSTATVFS, '2'],
  [EXTENSION_HARDLINK, '1'],
  [EXTENSION_FSYNC, '1'],
  [EXTENSION_LSETSTAT, '1'],
  [EXTENSION_LIMITS, '1'],
  [EXTENSION_EXPAND_PATH, '1'],
  [EXTENSION_COPY_DATA, '1'],
  [EXTENSION_HOME_DIRECTORY, '1'],
  [EXTENSION_USERS_GROUPS_BY_ID, '1'],
]);
