import { isDotEntry, SftpDirent } from './directory-entry.js';
import type { ProtocolClient } from './protocol-client.js';

/**
 * Streams a directory's entries (without `.` and `..`), one READDIR batch at
 * a time, so a directory of millions of entries never sits in memory. The
 * directory handle is closed when iteration ends, fails or is abandoned.
 */
export async function* listDirectory(
  client: ProtocolClient,
  path: Uint8Array,
): AsyncGenerator<SftpDirent, void, undefined> {
  const handle = await client.opendir(path);
  try {
    for (;;) {
      const entries = await client.readdir(handle, path);
      if (entries === null) return;
      for (const entry of entries) {
        if (!isDotEntry(entry.filename)) yield new SftpDirent(entry);
      }
    }
  } finally {
    await client.close(handle).catch(() => undefined);
  }
}
