import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SshError } from '@openssh-ts/session-core';
import { includePaths } from './include-paths.js';

const home = mkdtempSync(join(tmpdir(), 'ossh-include-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, '.ssh', 'conf.d', 'sub'), { recursive: true });
for (const name of ['b.conf', 'a.conf', '.hidden.conf', 'c.txt'])
  writeFileSync(join(home, '.ssh', 'conf.d', name), '');
writeFileSync(join(home, '.ssh', 'conf.d', 'sub', 'x.conf'), '');
const user = { userConfig: true, homeDirectory: home };

describe('includePaths', () => {
  it('globs sorted, without dot files, relative to ~/.ssh for user configs', async () => {
    const conf = join(home, '.ssh', 'conf.d');
    expect(await includePaths('conf.d/*.conf', user, 'f')).toEqual([
      join(conf, 'a.conf'),
      join(conf, 'b.conf'),
    ]);
    expect(await includePaths('~/.ssh/conf.d/.*.conf', user, 'f')).toEqual([
      join(conf, '.hidden.conf'),
    ]);
    expect(await includePaths(`${conf}/*/?.conf`, user, 'f')).toEqual([
      join(conf, 'sub', 'x.conf'),
    ]);
    expect(await includePaths('conf.d/*.none', user, 'f')).toEqual([]);
    expect(await includePaths('plain', user, 'f')).toEqual([join(home, '.ssh', 'plain')]);
  });

  it('anchors relative system Includes in /etc/ssh and refuses ~ there', async () => {
    expect(await includePaths('plain', { ...user, userConfig: false }, 'f')).toEqual([
      '/etc/ssh/plain',
    ]);
    await expect(includePaths('~/x', { ...user, userConfig: false }, 'f')).rejects.toThrow(
      SshError,
    );
  });
});
