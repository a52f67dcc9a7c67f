import { open } from 'node:fs/promises';

/** Most of a log that is worth reading: ssh's messages are short. */
const LOG_TAIL_BYTES = 16 * 1024;

/** The last 16 KiB of a log file as text, or '' when it cannot be read. */
export async function readLogTail(path: string | undefined): Promise<string> {
  if (path === undefined) return '';
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, LOG_TAIL_BYTES);
      const bytes = Buffer.alloc(length);
      await handle.read(bytes, 0, length, size - length);
      return bytes.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}
