import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SshError } from '@openssh-ts/session-core';
import { readKnownHostsFile, readKnownHostsFiles } from './read-known-hosts.js';
import { keyText, testKey } from './__fixtures__/keys.js';

const directory = mkdtempSync(join(tmpdir(), 'ossh-kh-read-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const key = testKey('ssh-ed25519', 1);

async function refusal(path: string, limit?: number): Promise<SshError> {
  const error: unknown = await readKnownHostsFile(path, limit).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!SshError.isInstance(error)) throw new Error(`expected an SshError, got ${String(error)}`);
  return error;
}

describe('readKnownHostsFile', () => {
  it('keeps usable lines with their line numbers and skips bad ones', async () => {
    const path = join(directory, 'mixed');
    writeFileSync(path, `# comment\nweb-1 ${keyText(key)}\ngarbage\n\nweb-2 ${keyText(key)}`);
    const file = await readKnownHostsFile(path);
    expect(file.entries.map((entry) => [entry.hosts, entry.line])).toEqual([
      ['web-1', 2],
      ['web-2', 5],
    ]);
  });

  it('reads a missing file, or one under a missing directory, as empty', async () => {
    expect((await readKnownHostsFile(join(directory, 'absent'))).entries).toEqual([]);
    expect((await readKnownHostsFile(join(directory, 'absent', 'deeper'))).entries).toEqual([]);
    expect((await readKnownHostsFile('/dev/null')).entries).toEqual([]);
  });

  it('refuses a file over the bound without reading it all', async () => {
    const path = join(directory, 'big');
    writeFileSync(path, `web-1 ${keyText(key)}\n`.repeat(100));
    const error = await refusal(path, 1000);
    expect(error.kind).toBe('connect');
    expect(error.reason).toBe('other');
    expect(error.message).toContain('larger than 1000 bytes');
    expect((await readKnownHostsFile(path)).entries).toHaveLength(100);
  });

  it('refuses binary content, an endless device, a directory and a FIFO', async () => {
    const binary = join(directory, 'binary');
    writeFileSync(binary, Buffer.from([0x77, 0x00, 0x01, 0x0a]));
    expect((await refusal(binary)).message).toContain('binary');
    expect((await refusal('/dev/zero', 4096)).message).toContain('larger than');
    expect((await refusal(directory)).message).toContain('is a directory');
    const fifo = join(directory, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect((await refusal(fifo)).message).toContain('not a regular file');
  });

  it('reads several files in order', async () => {
    const first = join(directory, 'first');
    writeFileSync(first, `a ${keyText(key)}\n`);
    const files = await readKnownHostsFiles([join(directory, 'absent'), first]);
    expect(files.map((file) => [file.path, file.entries.length])).toEqual([
      [join(directory, 'absent'), 0],
      [first, 1],
    ]);
  });
});
