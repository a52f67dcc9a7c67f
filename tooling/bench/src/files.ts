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

/** Whether two files hold the same bytes. */
export async function sameContent(leftPath: string, rightPath: string): Promise<boolean> {
  const [left, right] = await Promise.all([open(leftPath, 'r'), open(rightPath, 'r')]);
  try {
    const [leftStat, rightStat] = await Promise.all([left.stat(), right.stat()]);
    if (leftStat.size !== rightStat.size) return false;
    const leftBlock = Buffer.alloc(BLOCK);
    const rightBlock = Buffer.alloc(BLOCK);
    for (let offset = 0; offset < leftStat.size; offset += BLOCK) {
      const [leftRead, rightRead] = await Promise.all([
        left.read(leftBlock, 0, BLOCK, offset),
        right.read(rightBlock, 0, BLOCK, offset),
      ]);
      if (leftRead.bytesRead !== rightRead.bytesRead) return false;
      if (
        !leftBlock
          .subarray(0, leftRead.bytesRead)
          .equals(rightBlock.subarray(0, rightRead.bytesRead))
      )
        return false;
    }
    return true;
  } finally {
    await Promise.all([left.close(), right.close()]);
  }
}

/** SHA-256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: BLOCK }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
