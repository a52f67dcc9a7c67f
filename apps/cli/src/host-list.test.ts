import { describe, expect, it } from 'vitest';
import { parseHostEntry, parseHostOption, parseHostsFile } from './host-list.js';
import { UsageError } from './usage-error.js';

describe('parseHostEntry', () => {
  it.each([
    ['web-1', { label: 'web-1', destination: 'web-1' }],
    ['deploy@web-1', { label: 'deploy@web-1', destination: 'deploy@web-1' }],
    ['web-1:2222', { label: 'web-1:2222', destination: 'web-1:2222', port: 2222 }],
    [
      'deploy@web-1:2222',
      { label: 'deploy@web-1:2222', destination: 'deploy@web-1:2222', port: 2222 },
    ],
    ['[::1]', { label: '[::1]', destination: '[::1]' }],
    ['[::1]:22', { label: '[::1]:22', destination: '[::1]:22', port: 22 }],
    ['root@[::1]:22', { label: 'root@[::1]:22', destination: 'root@[::1]:22', port: 22 }],
    ['fe80::1', { label: 'fe80::1', destination: 'fe80::1' }],
    [
      'ssh://me@web-1:2200',
      { label: 'ssh://me@web-1:2200', destination: 'ssh://me@web-1:2200', port: 2200 },
    ],
    [
      '  127.0.0.1:40022 ',
      { label: '127.0.0.1:40022', destination: '127.0.0.1:40022', port: 40022 },
    ],
  ])('%s', (entry, expected) => {
    expect(parseHostEntry(entry, 'test')).toEqual(expected);
  });

  it.each(['', 'web-1:0', 'web-1:99999', 'web-1:x', '@web', 'user@', '[::1', '[::1]x', 'a b'])(
    'refuses %j',
    (entry) => {
      expect(() => parseHostEntry(entry, 'test')).toThrow(UsageError);
    },
  );
});

describe('parseHostOption', () => {
  it('splits on commas and ignores empty parts', () => {
    expect(parseHostOption('a,b:2,,c').map((host) => host.label)).toEqual(['a', 'b:2', 'c']);
  });
});

describe('parseHostsFile', () => {
  it('skips blank lines and comments, keeps order and duplicates', () => {
    const text = '# fleet\nweb-1\n\n  web-2:2222  # staging\r\nweb-1\n';
    expect(parseHostsFile(text, 'hosts').map((host) => host.label)).toEqual([
      'web-1',
      'web-2:2222',
      'web-1',
    ]);
  });

  it('names the file and line of a bad entry', () => {
    expect(() => parseHostsFile('web-1\nweb-2:port\n', 'hosts.txt')).toThrow(/hosts\.txt:2:/);
  });
});
