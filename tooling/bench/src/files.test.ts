import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureFile, sameContent, sha256File } from './files.js';

describe('ensureFile', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'osb-files-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes the exact size and numbers every MiB block', async () => {
    const path = join(directory, 'pattern.bin');
    await ensureFile(path, 2.5 * 1024 * 1024, 'pattern');
    expect((await stat(path)).size).toBe(2.5 * 1024 * 1024);
    const bytes = await readFile(path);
    expect(bytes.readDoubleBE(1024 * 1024)).toBe(1);
    expect(bytes.readDoubleBE(2 * 1024 * 1024)).toBe(2);
  });

  it('tells identical files from files that differ in one byte or in length', async () => {
    const [a, b] = [join(directory, 'a.bin'), join(directory, 'b.bin')];
    await ensureFile(a, 1.5 * 1024 * 1024, 'pattern');
    await writeFile(b, await readFile(a));
    expect(await sameContent(a, b)).toBe(true);
    const changed = await readFile(a);
    changed[1024 * 1024 + 7]! ^= 1;
    await writeFile(b, changed);
    expect(await sameContent(a, b)).toBe(false);
    await writeFile(b, changed.subarray(0, 100));
    expect(await sameContent(a, b)).toBe(false);
  });

  it('keeps a file that already has the size, so repeated runs do not rewrite it', async () => {
    const path = join(directory, 'zeros.bin');
    await ensureFile(path, 1000, 'zeros');
    const before = await sha256File(path);
    await ensureFile(path, 1000, 'pattern');
    expect(await sha256File(path)).toBe(before);
  });
});
