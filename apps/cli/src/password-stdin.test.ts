import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readPasswordLine } from './password-stdin.js';
import { UsageError } from './usage-error.js';

async function rest(stream: PassThrough): Promise<string> {
  stream.end();
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

describe('readPasswordLine', () => {
  it('takes the first line and leaves the rest for the command', async () => {
    const input = new PassThrough();
    const reading = readPasswordLine(input);
    input.write('pass word\r\nline one\n');
    expect(await reading).toBe('pass word');
    input.write('line two\n');
    expect(await rest(input)).toBe('line one\nline two\n');
  });

  it('takes all of stdin when it has no line break', async () => {
    const input = new PassThrough();
    const reading = readPasswordLine(input);
    input.end('s3cret');
    expect(await reading).toBe('s3cret');
  });

  it('refuses an empty or over-long password as a usage error', async () => {
    const empty = new PassThrough();
    const reading = readPasswordLine(empty);
    empty.end('\n');
    await expect(reading).rejects.toBeInstanceOf(UsageError);
    const long = new PassThrough();
    const tooLong = readPasswordLine(long);
    long.write('x'.repeat(2000));
    await expect(tooLong).rejects.toThrow(/longer than 1022 bytes/);
  });
});
