import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SshError } from '@openssh-ts/session-core';
import { MAX_CONFIG_BYTES, parseConfigText, readConfigFile } from './config-file.js';

const directory = mkdtempSync(join(tmpdir(), 'ossh-config-file-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('parseConfigText', () => {
  it('flattens Host and Match blocks into lines, keywords lowercased', () => {
    const lines = parseConfigText(
      'Port 1\nHost a b\n  USER x\nMatch host c\n  Port=2 # note\n',
      '/f',
    );
    expect(lines.map((line) => [line.keyword, line.args])).toEqual([
      ['port', ['1']],
      ['host', ['a', 'b']],
      ['user', ['x']],
      ['match', ['host', 'c']],
      ['port', ['2']],
    ]);
  });
});

describe('readConfigFile', () => {
  it('reads a missing optional file as empty, and refuses a missing -F file', async () => {
    expect(await readConfigFile(join(directory, 'absent'), false)).toEqual([]);
    await expect(readConfigFile(join(directory, 'absent'), true)).rejects.toThrow(SshError);
  });

  it('refuses a file over the bound, a binary file and a directory', async () => {
    const big = join(directory, 'big');
    writeFileSync(big, '#'.repeat(MAX_CONFIG_BYTES + 1));
    await expect(readConfigFile(big, false)).rejects.toThrow(/larger than/);
    const binary = join(directory, 'binary');
    writeFileSync(binary, 'Port 1\n\0\n');
    await expect(readConfigFile(binary, false)).rejects.toThrow(/binary/);
    await expect(readConfigFile(directory, false)).rejects.toThrow(/not a regular file/);
  });

  it('refuses what the parser cannot parse', async () => {
    const broken = join(directory, 'broken');
    writeFileSync(broken, 'IdentityFile "unterminated\n');
    await expect(readConfigFile(broken, false)).rejects.toThrow(/cannot be parsed/);
  });
});
