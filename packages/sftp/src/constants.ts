// Wire constants of SFTP version 3 (draft-ietf-secsh-filexfer-02), named as
// in the draft and OpenSSH's sftp.h so they can be grepped against both.

/** The protocol version this client speaks. */
export const SSH_FILEXFER_VERSION = 3;

// Packet types (draft §3).
export const SSH_FXP_INIT = 1;
export const SSH_FXP_VERSION = 2;
export const SSH_FXP_OPEN = 3;
export const SSH_FXP_CLOSE = 4;
export const SSH_FXP_READ = 5;
export const SSH_FXP_WRITE = 6;
export const SSH_FXP_LSTAT = 7;
export const SSH_FXP_FSTAT = 8;
export const SSH_FXP_SETSTAT = 9;
export const SSH_FXP_FSETSTAT = 10;
export const SSH_FXP_OPENDIR = 11;
export const SSH_FXP_READDIR = 12;
export const SSH_FXP_REMOVE = 13;
export const SSH_FXP_MKDIR = 14;
export const SSH_FXP_RMDIR = 15;
export const SSH_FXP_REALPATH = 16;
export const SSH_FXP_STAT = 17;
export const SSH_FXP_RENAME = 18;
export const SSH_FXP_READLINK = 19;
export const SSH_FXP_SYMLINK = 20;
export const SSH_FXP_STATUS = 101;
export const SSH_FXP_HANDLE = 102;
export const SSH_FXP_DATA = 103;
export const SSH_FXP_NAME = 104;
export const SSH_FXP_ATTRS = 105;
export const SSH_FXP_EXTENDED = 200;
export const SSH_FXP_EXTENDED_REPLY = 201;

// Attribute flags (draft §5).
export const SSH_FILEXFER_ATTR_SIZE = 0x00000001;
export const SSH_FILEXFER_ATTR_UIDGID = 0x00000002;
export const SSH_FILEXFER_ATTR_PERMISSIONS = 0x00000004;
export const SSH_FILEXFER_ATTR_ACMODTIME = 0x00000008;
export const SSH_FILEXFER_ATTR_EXTENDED = 0x80000000;

// OPEN pflags (draft §6.3).
export const SSH_FXF_READ = 0x00000001;
export const SSH_FXF_WRITE = 0x00000002;
export const SSH_FXF_APPEND = 0x00000004;
export const SSH_FXF_CREAT = 0x00000008;
export const SSH_FXF_TRUNC = 0x00000010;
export const SSH_FXF_EXCL = 0x00000020;

// Status codes (draft §7).
export const SSH_FX_OK = 0;
export const SSH_FX_EOF = 1;
export const SSH_FX_NO_SUCH_FILE = 2;
export const SSH_FX_PERMISSION_DENIED = 3;
export const SSH_FX_FAILURE = 4;
export const SSH_FX_BAD_MESSAGE = 5;
export const SSH_FX_NO_CONNECTION = 6;
export const SSH_FX_CONNECTION_LOST = 7;
export const SSH_FX_OP_UNSUPPORTED = 8;

// statvfs@openssh.com f_flag bits (PROTOCOL §4.4).
export const SSH_FXE_STATVFS_ST_RDONLY = 0x1;
export const SSH_FXE_STATVFS_ST_NOSUID = 0x2;

// OpenSSH extension names (PROTOCOL §4), with the version each must carry.
export const EXTENSION_POSIX_RENAME = 'posix-rename@openssh.com';
export const EXTENSION_STATVFS = 'statvfs@openssh.com';
export const EXTENSION_FSTATVFS = 'fstatvfs@openssh.com';
export const EXTENSION_HARDLINK = 'hardlink@openssh.com';
export const EXTENSION_FSYNC = 'fsync@openssh.com';
export const EXTENSION_LSETSTAT = 'lsetstat@openssh.com';
export const EXTENSION_LIMITS = 'limits@openssh.com';
export const EXTENSION_EXPAND_PATH = 'expand-path@openssh.com';
export const EXTENSION_COPY_DATA = 'copy-data';
export const EXTENSION_HOME_DIRECTORY = 'home-directory';
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
