import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SshError } from '@openssh-ts/session-core';
import { evaluateConfig } from './evaluate-config.js';

const directory = mkdtempSync(join(tmpdir(), 'ossh-evaluate-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let count = 0;

async function evaluate(
  text: string,
  host: string,
  commandLine: { keyword: string; args: string[] }[] = [],
) {
  const path = join(directory, `config-${++count}`);
  writeFileSync(path, text);
  const lines = commandLine.map((line) => ({ ...line, file: 'command-line' }));
  const occurrences = await evaluateConfig(lines, [{ path, required: true, userConfig: true }], {
    originalHost: host,
    localUser: 'me',
    homeDirectory: directory,
  });
  return Object.fromEntries(occurrences);
}

describe('evaluateConfig', () => {
  it('keeps every counting occurrence in order, command line first', async () => {
    const text = 'User top\nHost web-*\n  User web\nHost *\n  User any\n';
    expect((await evaluate(text, 'web-1', [{ keyword: 'user', args: ['cli'] }]))['user']).toEqual([
      ['cli'],
      ['top'],
      ['web'],
      ['any'],
    ]);
    expect((await evaluate(text, 'db-1'))['user']).toEqual([['top'], ['any']]);
  });

  it('matches Host patterns case-sensitively against the host as given, a negation ruling out', async () => {
    const text = 'Host web-* !web-bad\n  Port 1\nHost WEB-1\n  Port 2\n';
    expect((await evaluate(text, 'web-1'))['port']).toEqual([['1']]);
    expect((await evaluate(text, 'web-bad'))['port']).toBeUndefined();
    expect((await evaluate(text, 'WEB-1'))['port']).toEqual([['2']]);
  });

  it('evaluates Match host against HostName set so far, originalhost, user and localuser, with negation', async () => {
    const text = [
      'Host a',
      '  HostName B.Example',
      'Match host b.example',
      '  Port 1',
      'Match originalhost A user deploy',
      '  Port 2',
      'Match !localuser me',
      '  Port 3',
      'Match all',
      '  Port 4',
    ].join('\n');
    expect((await evaluate(text, 'a'))['port']).toEqual([['1'], ['4']]);
    expect((await evaluate(text, 'a', [{ keyword: 'user', args: ['deploy'] }]))['port']).toEqual([
      ['1'],
      ['2'],
      ['4'],
    ]);
  });

  it.each(['Match exec true', 'Match canonical', 'Match final', 'Match localnetwork 10.0.0.0/8'])(
    'refuses %j, which only ssh can evaluate',
    async (line) => {
      await expect(evaluate(`${line}\n  Port 1\n`, 'a')).rejects.toThrow(/without an ssh binary/);
    },
  );

  it('refuses a Host line without patterns and a Match criterion without its value', async () => {
    await expect(evaluate('Host\n', 'a')).rejects.toThrow(SshError);
    await expect(evaluate('Match host\n', 'a')).rejects.toThrow(SshError);
  });

  it('reads Includes in place, only where selected, and restores the selection after them', async () => {
    writeFileSync(join(directory, 'inc-a.conf'), 'Port 10\nHost other\n  Port 11\n');
    writeFileSync(join(directory, 'inc-b.conf'), 'Port 20\n');
    const text = `Host web\n  Include ${join(directory, 'inc-*.conf')}\n  User after-include\nHost none-such\n  Include ${join(directory, 'inc-b.conf')}\n`;
    const result = await evaluate(text, 'web');
    expect(result['port']).toEqual([['10'], ['20']]);
    expect(result['user']).toEqual([['after-include']]);
  });

  it('refuses Includes nested too deeply', async () => {
    const loop = join(directory, 'loop.conf');
    writeFileSync(loop, `Include ${loop}\n`);
    await expect(evaluate(`Include ${loop}\n`, 'a')).rejects.toThrow(/nested too deeply/);
  });
});
