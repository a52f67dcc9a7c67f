import { EXTENSION_POSIX_RENAME } from './constants.js';
import type { ProtocolClient } from './protocol-client.js';
import { hasErrorCode } from './sftp-error.js';

/** Renames that replace an existing destination, as POSIX `rename(2)` does. */
export interface RemoteRenamer {
  replace(from: Uint8Array, to: Uint8Array): Promise<void>;
}

/**
 * Replaces `to` with `from`: atomically with `posix-rename@openssh.com`;
 * otherwise (plain SSH_FXP_RENAME refuses an existing target) by removing
 * the target first, which leaves a moment without it.
 */
export function remoteRenamer(client: ProtocolClient): RemoteRenamer {
  return {
    async replace(from, to) {
      if (client.has(EXTENSION_POSIX_RENAME)) {
        await client.posixRename(from, to);
        return;
      }
      try {
        await client.rename(from, to);
      } catch (error) {
        if (!hasErrorCode(error, 'failure')) throw error;
        await client.remove(to);
        await client.rename(from, to);
      }
    },
  };
}
