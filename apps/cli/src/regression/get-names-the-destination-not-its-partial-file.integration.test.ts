// Regression: `ossh get` to a path that cannot be written named the internal
// temporary file (`<path>.ossh-partial-<hex>`) instead of the path the user
// gave.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, runCli } from '../e2e/built-cli.js';
import { harnessLeftovers, harnessTarget } from '../e2e/harness-config.js';

const { flags, host, directory } = harnessTarget();
const scratch = mkdtempSync(join(tmpdir(), 'ossh-get-'));

beforeAll(ensureBuiltCli, 240_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  expect(harnessLeftovers()).toEqual([]);
});

it('a destination that cannot be created is named as given, and nothing is left beside it', async () => {
  // Under a regular file: unwritable even for root, who ignores permissions.
  const notADirectory = join(scratch, 'plain-file');
  writeFileSync(notADirectory, '');
  const destination = join(notADirectory, 'copy');
  const result = await runCli(['get', ...flags, `${host}:${directory}/ssh_config`, destination]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`'${destination}'`);
  expect(result.stderr).not.toContain('ossh-partial');
  expect(readdirSync(scratch)).toEqual(['plain-file']);
});
