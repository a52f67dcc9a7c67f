import { describe, expect, it } from 'vitest';
import { hashHostName, isHashedHostField, matchHashedHost } from './hashed-host.js';

// Written by `ssh-keygen -H` (OpenSSH 9.2p1) for the name `[127.0.0.1]:2222`.
const FROM_SSH_KEYGEN = '|1|rE+Z+acThJsP/xFgev/UCPbYEIc=|6ic8vSecuMxBJqh8ajSL3ymECgE=';

describe('hashed known_hosts names', () => {
  it('match the name ssh-keygen hashed, and no other', () => {
    expect(matchHashedHost(FROM_SSH_KEYGEN, '[127.0.0.1]:2222')).toBe(true);
    expect(matchHashedHost(FROM_SSH_KEYGEN, '127.0.0.1')).toBe(false);
    expect(matchHashedHost(FROM_SSH_KEYGEN, '[127.0.0.1]:2223')).toBe(false);
  });

  it('re-hash with the same salt to the same field', () => {
    const salt = Buffer.from('rE+Z+acThJsP/xFgev/UCPbYEIc=', 'base64');
    expect(hashHostName('[127.0.0.1]:2222', salt)).toBe(FROM_SSH_KEYGEN);
  });

  it('use a fresh salt each time and round-trip', () => {
    const first = hashHostName('web-1');
    const second = hashHostName('web-1');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}=$/);
    expect(matchHashedHost(first, 'web-1')).toBe(true);
    expect(matchHashedHost(second, 'web-1')).toBe(true);
  });

  it.each([
    ['|2|abc|def', 'another magic'],
    ['|1|', 'no salt'],
    ['|1||abc', 'an empty salt'],
    ['|1|rE+Z+acThJsP/xFgev/UCPbYEIc=', 'no delimiter'],
    ['|1|AAAA|6ic8vSecuMxBJqh8ajSL3ymECgE=', 'a 3-byte salt'],
    ['|1|!!!!|6ic8vSecuMxBJqh8ajSL3ymECgE=', 'a salt that is not base64'],
    [`|1|${'A'.repeat(2000)}|x`, 'an over-long salt'],
  ])('are invalid with %j (%s)', (field) => {
    expect(matchHashedHost(field, 'web-1')).toBe('invalid');
  });

  it('refuse a salt of the wrong size when hashing', () => {
    expect(() => hashHostName('web-1', new Uint8Array(8))).toThrow(RangeError);
  });

  it('are told apart from pattern lists by the leading bar', () => {
    expect(isHashedHostField(FROM_SSH_KEYGEN)).toBe(true);
    expect(isHashedHostField('web-1,web-2')).toBe(false);
  });
});
