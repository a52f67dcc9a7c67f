// `--password-stdin`: the login password from the first line of stdin, for
// scripts (`printf '%s\n' "$PASSWORD" | ossh exec --password-stdin host cmd`).
import type { Readable } from 'node:stream';
import { UsageError } from './usage-error.js';

/** ssh's own bound (readpass.c reads 1023 bytes). */
const MAX_PASSWORD_BYTES = 1022;

/**
 * Reads the first line of `input` (without its CR LF or LF; all of it when
 * it has no line break). Whatever follows the line is put back, so a
 * command reading stdin afterwards still gets it. An empty or over-long
 * password is a usage error.
 */
export function readPasswordLine(input: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const done = (error: Error | undefined, rest?: Buffer): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      input.pause();
      if (rest !== undefined && rest.length > 0) input.unshift(rest);
      if (error !== undefined) {
        reject(error);
        return;
      }
      const line = Buffer.concat(chunks).toString('utf8').replace(/\r$/, '');
      if (line === '') reject(new UsageError('--password-stdin: stdin holds no password'));
      else resolve(line);
    };
    const onData = (chunk: Buffer): void => {
      const end = chunk.indexOf(0x0a);
      const part = end === -1 ? chunk : chunk.subarray(0, end);
      chunks.push(part);
      length += part.length;
      if (length > MAX_PASSWORD_BYTES + 1) {
        done(
          new UsageError(
            `--password-stdin: the password is longer than ${MAX_PASSWORD_BYTES} bytes`,
          ),
        );
        return;
      }
      if (end !== -1) done(undefined, chunk.subarray(end + 1));
    };
    const onEnd = (): void => done(undefined);
    const onError = (error: Error): void => done(error);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    input.resume();
  });
}
