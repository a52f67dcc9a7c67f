import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configMayMention } from './config-mentions.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ossh-mentions-'));
  mkdirSync(join(home, '.ssh', 'config.d'), { recursive: true });
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function file(relative: string, text: string): string {
  const path = join(home, relative);
  writeFileSync(path, text);
  return path;
}

const mayMention = (configFile: string | undefined): Promise<boolean> =>
  configMayMention('ServerAliveInterval', configFile, home);

describe('configMayMention', () => {
  it('finds the keyword in any case, with = or spaces, inside Host blocks too', async () => {
    for (const line of [
      'ServerAliveInterval 30',
      '  serveraliveinterval=5',
      '\tSERVERALIVEINTERVAL = 0',
    ]) {
      const config = file('cfg', `Host web\n  User deploy\n${line}\n`);
      expect(await mayMention(config), line).toBe(true);
    }
  });

  it('says no for a config that does not mention it, and for -F none', async () => {
    const config = file('cfg', 'Host *\n  ServerAliveCountMax 3\n  # ServerAliveInterval 30\n');
    expect(await mayMention(config)).toBe(false);
    expect(await mayMention('none')).toBe(false);
    expect(await mayMention(join(home, 'missing'))).toBe(false);
  });

  it('follows Include: relative to ~/.ssh, ~/, globs in the last component, skipping dotfiles', async () => {
    file('.ssh/config.d/a.conf', 'Host a\n  User a\n');
    file('.ssh/config.d/.hidden.conf', 'ServerAliveInterval 1\n');
    file('.ssh/config.d/b.other', 'ServerAliveInterval 1\n');
    const config = file('cfg', 'Include config.d/*.conf ~/.ssh/config.d/a.conf\n');
    expect(await mayMention(config)).toBe(false);
    file('.ssh/config.d/z.conf', 'Match host x\n  ServerAliveInterval 60\n');
    expect(await mayMention(config)).toBe(true);
  });

  it('says maybe for what it cannot follow', async () => {
    for (const include of [
      'Include ${HOME}/x',
      'Include "a b"',
      'Include */config',
      'Include ~other/x',
    ]) {
      expect(await mayMention(file('cfg', `${include}\n`)), include).toBe(true);
    }
    const looping = join(home, 'loop');
    writeFileSync(looping, `Include ${looping}\n`);
    expect(await mayMention(looping)).toBe(true);
  });
});
