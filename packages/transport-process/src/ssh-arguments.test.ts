import { describe, expect, it } from 'vitest';
import { controlArguments, sessionArguments } from './ssh-arguments.js';

describe('ssh arguments', () => {
  it('runs commands as the crate does: -S ctl -T BatchMode -p 9 none -- line', () => {
    const argv = sessionArguments('/c/master', { kind: 'exec', commandLine: "echo 'a b'" });
    expect(argv.slice(0, 7)).toEqual([
      '-F',
      '/dev/null',
      '-S',
      '/c/master',
      '-T',
      '-o',
      'BatchMode=yes',
    ]);
    expect(argv.join(' ')).toContain("-o ProxyCommand=false -p 9 -v none -- echo 'a b'");
    expect(argv.at(-1)).toBe("echo 'a b'");
  });

  it('names each session variable with its own SendEnv, and reads no ssh_config of its own', () => {
    const argv = sessionArguments('/c/master', { kind: 'exec', commandLine: 'true' }, ['A', 'B']);
    expect(argv.join(' ')).toContain('-p 9 -o SendEnv=A -o SendEnv=B -v none');
  });

  it('opens subsystems with -s and control requests with -O', () => {
    expect(sessionArguments('/c/master', { kind: 'subsystem', name: 'sftp' }).slice(-4)).toEqual([
      '-s',
      'none',
      '--',
      'sftp',
    ]);
    expect(controlArguments('/c/master', 'forward', ['-L', '1:h:2']).slice(-4)).toEqual([
      'forward',
      '-L',
      '1:h:2',
      'none',
    ]);
  });
});
