import { describe, expect, it } from 'vitest';
import { entryMatchesHost, parseKnownHostsLine, type KnownHostsEntry } from './known-hosts-line.js';
import { hashHostName } from './hashed-host.js';
import { keyText, testKey } from './__fixtures__/keys.js';

const ed25519 = testKey('ssh-ed25519', 1);

function entry(text: string): KnownHostsEntry {
  const parsed = parseKnownHostsLine(text, '/kh', 7);
  if (parsed.kind !== 'entry') throw new Error(`not an entry: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe('parseKnownHostsLine', () => {
  it('reads hosts, key type, key and comment', () => {
    const parsed = entry(`web-1,10.0.0.1 ${keyText(ed25519)} deploy key`);
    expect(parsed).toMatchObject({ file: '/kh', line: 7, marker: 'none', hosts: 'web-1,10.0.0.1' });
    expect(parsed.keyType).toBe('ssh-ed25519');
    expect(parsed.key.equals(ed25519)).toBe(true);
    expect(parsed.comment).toBe('deploy key');
  });

  it('reads markers and tolerates tabs, runs of blanks and a CR', () => {
    expect(entry(`@revoked\t* \t${keyText(ed25519)}\r`).marker).toBe('revoked');
    expect(entry(`  @cert-authority *.example.com ${keyText(ed25519)}`).marker).toBe(
      'cert-authority',
    );
  });

  it.each(['', '   ', '# a comment', '  # indented comment'])('calls %j blank', (text) => {
    expect(parseKnownHostsLine(text, '/kh', 1)).toEqual({ kind: 'blank' });
  });

  it.each([
    [`@trusted web-1 ${keyText(ed25519)}`, 'unknown marker'],
    [`@revoked @revoked web-1 ${keyText(ed25519)}`, 'only one marker'],
    ['@revoked', 'must be followed'],
    ['web-1', 'truncated before'],
    ['web-1 # comment', 'truncated before'],
    ['web-1 ssh-ed25519', 'truncated after'],
    [`web-1 1024 35 12345`, 'unknown key type'],
    [`web-1 ssh-foo ${testKey('ssh-foo', 1).toString('base64')}`, 'unknown key type'],
    [`web-1 ssh-rsa ${ed25519.toString('base64')}`, 'not of type ssh-rsa'],
    ['web-1 ssh-ed25519 not*base64', 'not base64'],
    [`web-1 ssh-ed25519 ${'A'.repeat(20000)}`, 'not base64'],
    ['web-1 ssh-ed25519 AAAA', 'not of type'],
  ])('calls %j invalid (%s)', (text, reason) => {
    const parsed = parseKnownHostsLine(text, '/kh', 1);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.reason).toContain(reason);
  });
});

describe('entryMatchesHost', () => {
  it('matches pattern lists with wildcards and negation', () => {
    const line = entry(`web-*,!web-bad,[127.0.0.1]:2222 ${keyText(ed25519)}`);
    expect(entryMatchesHost(line, 'web-1')).toBe(true);
    expect(entryMatchesHost(line, 'web-bad')).toBe(false);
    expect(entryMatchesHost(line, '[127.0.0.1]:2222')).toBe(true);
    expect(entryMatchesHost(line, '127.0.0.1')).toBe(false);
  });

  it('matches a hashed name exactly, and a malformed one never', () => {
    const hashed = entry(`${hashHostName('[127.0.0.1]:2222')} ${keyText(ed25519)}`);
    expect(entryMatchesHost(hashed, '[127.0.0.1]:2222')).toBe(true);
    expect(entryMatchesHost(hashed, '127.0.0.1')).toBe(false);
    expect(entryMatchesHost(entry(`|1|AAAA|BBBB ${keyText(ed25519)}`), 'web-1')).toBe(false);
  });
});
