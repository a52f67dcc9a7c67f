import { describe, expect, it } from 'vitest';
import { masterArguments } from './master-arguments.js';

const paths = { controlSocket: '/tmp/ossh-x/master', masterLog: '/tmp/ossh-x/log' };

describe('masterArguments', () => {
  it('starts with the crate launch_master flags and ends with -- host', () => {
    expect(masterArguments({}, { host: 'example' }, paths)).toEqual([
      '-E',
      '/tmp/ossh-x/log',
      '-S',
      '/tmp/ossh-x/master',
      '-M',
      '-f',
      '-N',
      '-o',
      'ControlPersist=yes',
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '--',
      'example',
    ]);
  });

  it('maps every option', () => {
    const argv = masterArguments(
      {
        user: 'ignored',
        port: 1,
        keyFile: '/k',
        knownHosts: 'add',
        connectTimeout: 1500,
        serverAliveInterval: 30_000,
        controlPersist: 60_000,
        configFile: '/c',
        compression: true,
        jumpHosts: ['j1', 'me@j2:2222'],
        userKnownHostsFile: '/with space/kh',
        sshOptions: ['ServerAliveCountMax=2'],
      },
      { host: 'h', user: 'u', port: 2200 },
      paths,
    ).join(' ');
    expect(argv).toContain('-o ControlPersist=60s');
    expect(argv).toContain('-o StrictHostKeyChecking=accept-new');
    expect(argv).toContain('-o ConnectTimeout=2');
    expect(argv).toContain('-o ServerAliveInterval=30');
    expect(argv).toContain('-p 2200 -l u');
    expect(argv).toContain('-o IdentitiesOnly=yes -i /k');
    expect(argv).toContain('-F /c');
    expect(argv).toContain('-o Compression=yes');
    expect(argv).toContain('-J j1,me@j2:2222');
    expect(argv).toContain('-o UserKnownHostsFile="/with space/kh"');
    expect(argv).toContain('-o ServerAliveCountMax=2 -- h');
    expect(
      masterArguments(
        { knownHosts: 'accept', controlPersist: 'closed-after-initial' },
        { host: 'h' },
        paths,
      ),
    ).toContain('ControlPersist=no');
  });

  it.each([
    [{ connectTimeout: 0 }],
    [{ sshOptions: ['-oProxyCommand=x'] }],
    [{ jumpHosts: ['-x'] }],
    [{ user: '-x' }],
    [{ port: 0 }],
  ])('refuses %j', (options) => {
    expect(() => masterArguments(options, { host: 'h' }, paths)).toThrow(
      expect.objectContaining({ kind: 'invalid-command' }) as Error,
    );
  });
});
