// Demo step: an SFTP upload and download with progress, checked by hash.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Session } from '@openssh-ts/session-core';
import { Sftp } from '@openssh-ts/sftp';
import { formatBytes } from '../format-units.js';
import { createProgressReporter } from '../progress-reporter.js';
import type { Terminal } from '../terminal.js';
import type { DemoPrinter } from './demo-printer.js';

const DEMO_FILE_BYTES = 16 * 1024 * 1024;

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/**
 * Uploads a random file to the sandbox user's home, downloads it again and
 * compares hashes; removes the remote copy. `localDirectory` is the demo's
 * temporary directory (removed by the caller).
 */
export async function transferStep(
  session: Session,
  printer: DemoPrinter,
  terminal: Terminal,
  localDirectory: string,
  signal: AbortSignal,
): Promise<void> {
  const original = join(localDirectory, 'upload.bin');
  const copy = join(localDirectory, 'download.bin');
  const content = randomBytes(DEMO_FILE_BYTES);
  await writeFile(original, content);
  const remote = `ossh-demo-${process.pid}.bin`;
  await using sftp = await Sftp.connect(session);
  try {
    for (const [direction, run] of [
      [
        'upload',
        (onProgress: (done: number) => void) =>
          sftp.fastPut(original, remote, { onProgress: (done) => onProgress(done), signal }),
      ],
      [
        'download',
        (onProgress: (done: number) => void) =>
          sftp.fastGet(remote, copy, { onProgress: (done) => onProgress(done), signal }),
      ],
    ] as const) {
      const reporter = createProgressReporter({
        label: `   ${direction} ${formatBytes(DEMO_FILE_BYTES)}`,
        total: DEMO_FILE_BYTES,
        stream: terminal.stderr,
        interactive: terminal.interactive,
      });
      try {
        await run((done) => reporter.update(done));
        reporter.finish();
      } catch (error) {
        reporter.abort();
        throw error;
      }
    }
  } finally {
    await sftp.unlink(remote).catch(() => undefined);
  }
  const [sent, received] = [sha256(content), sha256(await readFile(copy))];
  if (sent === received) printer.ok(`round trip intact: sha256 ${sent}… both ways`);
  else printer.fail(`the downloaded file differs: ${sent} ≠ ${received}`);
}
