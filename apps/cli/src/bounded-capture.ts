import type { Readable } from 'node:stream';

/** What {@link captureOutput} kept of a stream. */
export interface CapturedOutput {
  /** The first `limit` bytes, decoded as UTF-8. */
  readonly text: string;
  /** Total bytes read, kept or not. */
  readonly totalBytes: number;
  /** Whether bytes beyond `limit` were read and dropped. */
  readonly truncated: boolean;
}

/**
 * Reads a stream to its end, keeping at most `limit` bytes. The rest is
 * still read (so the remote side never stalls on backpressure) and counted,
 * and `truncated` says so: output is cut visibly, never silently.
 */
export async function captureOutput(
  stream: Readable | null,
  limit: number,
): Promise<CapturedOutput> {
  if (stream === null) return { text: '', totalBytes: 0, truncated: false };
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let totalBytes = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    totalBytes += bytes.length;
    if (keptBytes < limit) {
      const part = bytes.subarray(0, limit - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
  }
  return {
    text: Buffer.concat(kept).toString('utf8'),
    totalBytes,
    truncated: totalBytes > keptBytes,
  };
}
