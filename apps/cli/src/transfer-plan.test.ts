import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { planUploadTree, singleFilePlan } from './transfer-plan.js';

let directory: string | undefined;
afterEach(async () => {
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

it('plans a local tree: directories parents first, files with sizes, links skipped', async () => {
  directory = await mkdtemp(join(tmpdir(), 'ossh-plan-'));
  await mkdir(join(directory, 'a/b'), { recursive: true });
  await writeFile(join(directory, 'top.txt'), 'hello');
  await writeFile(join(directory, 'a/b/deep.bin'), Buffer.alloc(1000));
  await symlink('top.txt', join(directory, 'link'));
  const plan = await planUploadTree(directory, '/srv/app');
  expect(plan.directories).toEqual(['/srv/app', '/srv/app/a', '/srv/app/a/b']);
  expect(plan.files.map((file) => [file.target, file.size]).sort()).toEqual([
    ['/srv/app/a/b/deep.bin', 1000],
    ['/srv/app/top.txt', 5],
  ]);
  expect(plan.skipped).toEqual([join(directory, 'link')]);
  expect(plan.totalBytes).toBe(1005);
});

it('plans a single file', () => {
  expect(singleFilePlan('a', 'b', 3)).toEqual({
    directories: [],
    files: [{ source: 'a', target: 'b', size: 3 }],
    skipped: [],
    totalBytes: 3,
  });
});
