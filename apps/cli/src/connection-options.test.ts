import { Command } from 'commander';
import type { TransportFactory } from '@openssh-ts/session-core';
import { expect, it } from 'vitest';
import {
  addConnectionOptions,
  connectOptions,
  type ConnectionFlags,
} from './connection-options.js';

const transport = { transportVersion: 2, name: 'fake', mode: 'attach' } as TransportFactory;

function parse(argv: string[]): ConnectionFlags {
  const command = addConnectionOptions(new Command('x').exitOverride().argument('<destination>'));
  command.configureOutput({ writeErr: () => undefined });
  command.parse(argv, { from: 'user' });
  return command.opts<ConnectionFlags>();
}

it('maps every flag to a connect option', () => {
  const flags = parse([
    '-p',
    '2222',
    '-l',
    'deploy',
    '-i',
    '/keys/id',
    '-F',
    '/etc/cfg',
    '-J',
    'a,b',
    '-J',
    'c',
    '-o',
    'Compression yes',
    '-o',
    'ServerAliveInterval=5',
    '--known-hosts',
    'add',
    '--connect-timeout',
    '7',
    '--transport',
    'process',
    '-C',
    '--server-alive-interval',
    '15',
    '--known-hosts-file',
    '/kh',
    '--control-directory',
    '/run/ossh',
    '--agent',
    '/run/agent.sock',
    '--ssh',
    '/opt/ssh',
    'web-1',
  ]);
  expect(flags.transport).toBe('process');
  const signal = new AbortController().signal;
  expect(connectOptions(flags, { transport, signal })).toEqual({
    transport,
    port: 2222,
    user: 'deploy',
    keyFile: '/keys/id',
    configFile: '/etc/cfg',
    jumpHosts: ['a', 'b', 'c'],
    knownHosts: 'add',
    connectTimeout: 7000,
    sshOptions: ['Compression=yes', 'ServerAliveInterval=5'],
    compression: true,
    serverAliveInterval: 15_000,
    userKnownHostsFile: '/kh',
    controlDirectory: '/run/ossh',
    sshAuthSock: '/run/agent.sock',
    sshPath: '/opt/ssh',
    signal,
  });
});

it('leaves unset flags out, defaults to native, and lets a host port win', () => {
  const flags = parse(['-p', '22', 'web-1']);
  expect(flags.transport).toBe('native');
  expect(connectOptions(flags, { transport, port: 40022 })).toEqual({ transport, port: 40022 });
});

it('asks ssh for a verbose log with --verbose', () => {
  expect(connectOptions(parse(['-v', 'h']), { transport }).sshOptions).toEqual([
    'LogLevel=VERBOSE',
  ]);
});

it('refuses bad values', () => {
  expect(() => parse(['--known-hosts', 'maybe', 'h'])).toThrow(/Allowed choices/);
  expect(() => parse(['--transport', 'telnet', 'h'])).toThrow(/Allowed choices/);
  expect(() => parse(['-p', 'abc', 'h'])).toThrow(/whole number/);
});
