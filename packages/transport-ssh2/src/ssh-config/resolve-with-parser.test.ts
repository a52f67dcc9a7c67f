import { describe, expect, it } from 'vitest';
import { SshError } from '@openssh-ts/session-core';
import { commandLineLines, commandLineOption, configSources } from './resolve-with-parser.js';

describe('commandLineOption', () => {
  it('reads Name=value and Name value, with quoting', () => {
    expect(commandLineOption('User=deploy')).toMatchObject({ keyword: 'user', args: ['deploy'] });
    expect(commandLineOption('SetEnv A="x y" B=1')).toMatchObject({
      keyword: 'setenv',
      args: ['A=x y', 'B=1'],
    });
    expect(commandLineOption('ConnectTimeout = 5')).toMatchObject({
      keyword: 'connecttimeout',
      args: ['5'],
    });
  });

  it.each(['', '=x', 'NoValue'])('refuses %j', (option) => {
    expect(() => commandLineOption(option)).toThrow(SshError);
  });
});

describe('commandLineLines and configSources', () => {
  it('put -l, -p and -o first, and read the -F file alone', () => {
    expect(
      commandLineLines({ user: 'u', port: 2, sshOptions: ['Port=3'] }).map((line) => line.args),
    ).toEqual([['u'], ['2'], ['3']]);
    expect(configSources('/c', '/home/me')).toEqual([
      { path: '/c', required: true, userConfig: true },
    ]);
    expect(configSources('none', '/home/me')).toEqual([]);
    expect(configSources(undefined, '/home/me').map((source) => source.path)).toEqual([
      '/home/me/.ssh/config',
      '/etc/ssh/ssh_config',
    ]);
  });
});
