import { describe, expect, it } from 'vitest';
import { parseSshGOutput, sshGArguments } from './resolve-with-ssh.js';

describe('sshGArguments', () => {
  it('passes -F, -l, -p and -o before the host, after --', () => {
    expect(
      sshGArguments('-odd', { configFile: '/c', user: 'u', port: 2222, sshOptions: ['A=b'] }),
    ).toEqual(['-G', '-F', '/c', '-l', 'u', '-p', '2222', '-o', 'A=b', '--', '-odd']);
    expect(sshGArguments('h', {})).toEqual(['-G', '--', 'h']);
  });
});

describe('parseSshGOutput', () => {
  it('keeps one entry per line, splitting only the known-hosts lists', () => {
    const output = [
      'host web-1',
      'hostname web-1.example',
      'identityfile ~/.ssh/a',
      'identityfile ~/.ssh/b',
      'setenv A=x y',
      'userknownhostsfile /kh1 /kh2',
      'noise',
      '',
    ].join('\n');
    expect(Object.fromEntries(parseSshGOutput(output))).toEqual({
      host: [['web-1']],
      hostname: [['web-1.example']],
      identityfile: [['~/.ssh/a'], ['~/.ssh/b']],
      setenv: [['A=x y']],
      userknownhostsfile: [['/kh1', '/kh2']],
    });
  });
});
