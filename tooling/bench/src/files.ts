import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

const BLOCK = 1024 * 1024;

/**
 * Creates `path` with `size` bytes unless a file of that size is already
 * there. `pattern` content is random per run, and every MiB block starts
 * with its own index, so a transfer that reorders or repeats blocks fails its
 * checksum; `zeros` is for streams whose content is not checked.
 */
export async function ensureFile(
  path: string,
  size: number,
  content: 'zeros' | 'pattern',
): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.size === size) return;
  const handle = await open(path, 'w', 0o644);
  try {
    const block = content === 'pattern' ? randomBytes(BLOCK) : Buffer.alloc(BLOCK);
    for (let offset = 0; offset < size; offset += BLOCK) {
      if (content === 'pattern') block.writeDoubleBE(offset / BLOCK, 0);
      const length = Math.min(BLOCK, size - offset);
      await handle.write(block, 0, length, offset);
    }
  } finally {
    await handle.close();
  }
}

/** SHA-256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: BLOCK }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
