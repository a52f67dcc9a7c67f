import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SshError } from '@openssh-ts/session-core';
import { appendKnownHostLine, formatKnownHostsLine } from './append-known-host.js';
import { matchHashedHost } from './hashed-host.js';
import { keyText, testKey } from './__fixtures__/keys.js';

const directory = mkdtempSync(join(tmpdir(), 'ossh-kh-append-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const key = testKey('ssh-ed25519', 1);

describe('formatKnownHostsLine', () => {
  it('writes name, type and base64 key, lowercased', () => {
    expect(formatKnownHostsLine('[Web-1]:2222', key, { hash: false })).toBe(
      `[web-1]:2222 ${keyText(key)}\n`,
    );
  });

  it('hashes the name when asked', () => {
    const line = formatKnownHostsLine('[127.0.0.1]:2222', key, { hash: true });
    const [hosts, ...rest] = line.trimEnd().split(' ');
    expect(matchHashedHost(hosts ?? '', '[127.0.0.1]:2222')).toBe(true);
    expect(rest.join(' ')).toBe(keyText(key));
  });

  it('refuses something that is not a key blob', () => {
    expect(() => formatKnownHostsLine('web-1', Buffer.alloc(2), { hash: false })).toThrow(
      RangeError,
    );
  });
});

describe('appendKnownHostLine', () => {
  it('creates the directory 0700 and the file 0600', async () => {
    const file = join(directory, 'new', '.ssh', 'known_hosts');
    await appendKnownHostLine(file, 'web-1', key, { hash: false });
    expect(readFileSync(file, 'utf8')).toBe(`web-1 ${keyText(key)}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(directory, 'new', '.ssh')).mode & 0o777).toBe(0o700);
    expect(statSync(join(directory, 'new')).mode & 0o777).toBe(0o700);
  });

  it('appends after every existing byte, adding a missing final newline first', async () => {
    const file = join(directory, 'existing');
    const before = '# keep me exactly\r\nweb-0 whatever-it-is';
    writeFileSync(file, before, { mode: 0o644 });
    await appendKnownHostLine(file, 'web-1', key, { hash: false });
    await appendKnownHostLine(file, 'web-2', key, { hash: false });
    expect(readFileSync(file, 'utf8')).toBe(
      `${before}\nweb-1 ${keyText(key)}\nweb-2 ${keyText(key)}\n`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('fails with an SshError when the file cannot be written', async () => {
    const blocker = join(directory, 'blocker');
    writeFileSync(blocker, '');
    const error: unknown = await appendKnownHostLine(join(blocker, 'known_hosts'), 'web-1', key, {
      hash: false,
    }).catch((caught: unknown) => caught);
    expect(SshError.isInstance(error) && error.kind).toBe('connect');
  });
});
