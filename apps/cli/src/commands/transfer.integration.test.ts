import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, runCli } from '../e2e/built-cli.js';
import { harnessLeftovers, harnessTarget } from '../e2e/harness-config.js';

const { flags, host } = harnessTarget();
// Remote paths are relative to the login directory of the harness user.
const remoteRoot = `ossh-transfer-${process.pid}`;
let local: string;

beforeAll(async () => {
  ensureBuiltCli();
  local = await mkdtemp(join(tmpdir(), 'ossh-transfer-'));
  expect((await runCli(['exec', ...flags, host, '--', 'mkdir', '-p', remoteRoot])).code).toBe(0);
}, 240_000);

afterAll(async () => {
  await runCli(['exec', ...flags, host, '--', 'rm', '-rf', remoteRoot]);
  await rm(local, { recursive: true, force: true });
  expect(harnessLeftovers()).toEqual([]);
});

it('round-trips a file through put and get, byte for byte, with plain progress lines', async () => {
  const content = randomBytes(3 * 1024 * 1024 + 17);
  await writeFile(join(local, 'blob.bin'), content);
  const put = await runCli(['put', ...flags, join(local, 'blob.bin'), `${host}:${remoteRoot}/`]);
  expect(put.code).toBe(0);
  expect(put.stderr).toMatch(/: done, 3\.0 MiB in .* \(.*\/s\)\n/);
  expect(put.stderr).toContain('ossh: uploaded 1 file, 3.0 MiB');
  const get = await runCli([
    'get',
    ...flags,
    '--transport',
    'process',
    `${host}:${remoteRoot}/blob.bin`,
    join(local, 'back.bin'),
  ]);
  expect(get.code).toBe(0);
  expect((await readFile(join(local, 'back.bin'))).equals(content)).toBe(true);
});

it('copies directories with -r and lists them with ls', async () => {
  const tree = join(local, 'tree');
  await mkdir(join(tree, 'nested', 'deeper'), { recursive: true });
  await writeFile(join(tree, 'top.txt'), 'top\n');
  await writeFile(join(tree, 'nested', 'deeper', 'file with spaces.txt'), 'deep\n');
  expect((await runCli(['put', ...flags, '-r', tree, `${host}:${remoteRoot}/`])).code).toBe(0);

  const listing = await runCli(['ls', ...flags, `${host}:${remoteRoot}/tree`]);
  expect(listing.stdout).toBe('nested/\ntop.txt\n');
  const json = await runCli(['ls', ...flags, '--json', `${host}:${remoteRoot}/tree/top.txt`]);
  expect(JSON.parse(json.stdout)).toMatchObject({ name: 'top.txt', type: 'file', size: 4 });

  const back = join(local, 'tree-back');
  expect((await runCli(['get', ...flags, '-r', `${host}:${remoteRoot}/tree`, back])).code).toBe(0);
  expect(await readFile(join(back, 'nested', 'deeper', 'file with spaces.txt'), 'utf8')).toBe(
    'deep\n',
  );
  expect(await readFile(join(back, 'top.txt'), 'utf8')).toBe('top\n');
});

it('refuses a directory without -r, and a missing file, in one line each', async () => {
  const directoryWithoutFlag = await runCli(['get', ...flags, `${host}:${remoteRoot}`, local]);
  expect(directoryWithoutFlag.code).toBe(2);
  expect(directoryWithoutFlag.stderr).toBe(
    `ossh: ${host}:${remoteRoot} is a directory — add -r to copy it with everything in it\n`,
  );
  const missing = await runCli(['get', ...flags, `${host}:${remoteRoot}/nope`, local]);
  expect(missing.code).toBe(1);
  expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  expect(missing.stderr).toMatch(/^ossh: download .*nope failed: .*no such file/i);
});
