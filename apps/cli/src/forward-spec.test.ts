import { describe, expect, it } from 'vitest';
import { describeForward, parseForwardSpec } from './forward-spec.js';
import { UsageError } from './usage-error.js';

describe('parseForwardSpec', () => {
  it.each([
    ['8080:db:5432', { host: 'localhost', port: 8080 }, { host: 'db', port: 5432 }],
    ['127.0.0.1:0:db:5432', { host: '127.0.0.1', port: 0 }, { host: 'db', port: 5432 }],
    ['[::1]:8080:[fe80::1]:80', { host: '::1', port: 8080 }, { host: 'fe80::1', port: 80 }],
    ['*:8080:web:80', { host: '*', port: 8080 }, { host: 'web', port: 80 }],
    [':8080:web:80', { host: '', port: 8080 }, { host: 'web', port: 80 }],
    ['8080:/run/app.sock', { host: 'localhost', port: 8080 }, { path: '/run/app.sock' }],
    ['0.0.0.0:8080:/run/app.sock', { host: '0.0.0.0', port: 8080 }, { path: '/run/app.sock' }],
    ['/tmp/local.sock:web:80', { path: '/tmp/local.sock' }, { host: 'web', port: 80 }],
    ['/tmp/a.sock:/tmp/b.sock', { path: '/tmp/a.sock' }, { path: '/tmp/b.sock' }],
  ])('-L %s', (spec, listen, connect) => {
    expect(parseForwardSpec('local', spec)).toEqual({ kind: 'local', listen, connect });
  });

  it('parses -R like -L', () => {
    expect(parseForwardSpec('remote', '0:localhost:3000')).toEqual({
      kind: 'remote',
      listen: { host: 'localhost', port: 0 },
      connect: { host: 'localhost', port: 3000 },
    });
  });

  it.each([
    ['1080', { host: 'localhost', port: 1080 }],
    ['127.0.0.1:1080', { host: '127.0.0.1', port: 1080 }],
    ['[::1]:0', { host: '::1', port: 0 }],
    ['/tmp/socks.sock', { path: '/tmp/socks.sock' }],
  ])('-D %s', (spec, listen) => {
    expect(parseForwardSpec('dynamic', spec)).toEqual({ kind: 'dynamic', listen });
  });

  it.each([
    ['local', ''],
    ['local', '8080'],
    ['local', '8080:db'],
    ['local', 'x:db:5432'],
    ['local', '8080:db:0'],
    ['local', '70000:db:80'],
    ['local', '8080::80'],
    ['local', '[::1:8080:db:80'],
    ['local', '[::1]x:8080:db:80'],
    ['local', 'a:1:b:2:c'],
    ['local', '8080:/a/path:80'],
    ['remote', '8080'],
    ['remote', '127.0.0.1:8080'],
    ['dynamic', 'a:b:c'],
    ['dynamic', 'localhost:port'],
    ['local', `${'9'.repeat(5000)}:db:80`],
  ] as const)('refuses %s %j with a UsageError', (kind, spec) => {
    expect(() => parseForwardSpec(kind, spec)).toThrow(UsageError);
  });

  it('says which flag and what to try', () => {
    try {
      parseForwardSpec('local', '8080:db');
      expect.unreachable();
    } catch (error) {
      expect((error as UsageError).message).toContain('-L');
      expect((error as UsageError).hint).toContain('[bind:]port:host:hostport');
    }
  });
});

describe('describeForward', () => {
  it('renders each kind', () => {
    expect(describeForward(parseForwardSpec('local', '[::1]:8080:db:5432'))).toBe(
      '-L [::1]:8080 -> db:5432',
    );
    expect(describeForward(parseForwardSpec('remote', '/tmp/r.sock:localhost:80'))).toBe(
      '-R /tmp/r.sock -> localhost:80',
    );
    expect(describeForward(parseForwardSpec('dynamic', '1080'))).toBe('-D localhost:1080 (SOCKS)');
  });
});
