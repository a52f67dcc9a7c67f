import { describe, expect, it } from 'vitest';
import { parseDestination } from './destination.js';

describe('parseDestination', () => {
  it.each([
    ['opensshtest', { host: 'opensshtest' }],
    ['test-user@127.0.0.1', { host: '127.0.0.1', user: 'test-user' }],
    ['ssh://test-user@127.0.0.1:2222', { host: '127.0.0.1', user: 'test-user', port: 2222 }],
    ['ssh://test-user@opensshtest', { host: 'opensshtest', user: 'test-user' }],
    ['ssh://opensshtest:2222', { host: 'opensshtest', port: 2222 }],
    ['ssh://opensshtest', { host: 'opensshtest' }],
    ['[::1]', { host: '::1' }],
    ['me@[fe80::1]:22', { host: 'fe80::1', user: 'me', port: 22 }],
    ['ssh://me@[::1]:2200', { host: '::1', user: 'me', port: 2200 }],
    ['a@b@host', { host: 'host', user: 'a@b' }],
    ['127.0.0.1:2222', { host: '127.0.0.1', port: 2222 }],
    ['me@web-1:22', { host: 'web-1', user: 'me', port: 22 }],
    ['[web-1]:2200', { host: 'web-1', port: 2200 }],
    ['::1', { host: '::1' }],
    ['fe80::1:2', { host: 'fe80::1:2' }],
  ])('%s', (destination, expected) => {
    expect(parseDestination(destination)).toEqual(expected);
  });

  it.each([
    '-oProxyCommand=x',
    'ssh://-oX@host',
    '',
    'ssh://host:0',
    'ssh://host:99999',
    'ssh://host:x',
    '[::1',
    'host name',
    'host\nx',
    '@host',
    'host:',
    'host:0',
    'host:x',
    ':22',
  ])('refuses %j', (destination) => {
    expect(() => parseDestination(destination)).toThrow(
      expect.objectContaining({ kind: 'invalid-command' }) as Error,
    );
  });
});
