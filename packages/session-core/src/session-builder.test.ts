import { describe, expect, it } from 'vitest';
import { SessionBuilder } from './session-builder.js';
import type { TransportFactory } from './transport.js';

describe('SessionBuilder', () => {
  it('collects every option of the crate builder, plus the additions', () => {
    const transport: TransportFactory = {
      transportVersion: 2,
      name: 'fake',
      mode: 'attach',
      attach: () => Promise.reject(new Error('unused')),
    };
    const signal = new AbortController().signal;
    const options = new SessionBuilder()
      .transport(transport)
      .user('u')
      .port(2222)
      .keyFile('/k')
      .knownHosts('add')
      .connectTimeout(1000)
      .serverAliveInterval(2000)
      .controlDirectory('/c')
      .cleanStaleControlDirectories()
      .controlPersist('closed-after-initial')
      .configFile('/f')
      .compression(true)
      .jumpHosts(['a', 'b'])
      .userKnownHostsFile('/kh')
      .sshAuthSock('/agent')
      .sshPath('/usr/bin/ssh')
      .sshOption('A=1')
      .sshOption('B=2')
      .signal(signal).options;
    expect(options).toEqual({
      transport,
      user: 'u',
      port: 2222,
      keyFile: '/k',
      knownHosts: 'add',
      connectTimeout: 1000,
      serverAliveInterval: 2000,
      controlDirectory: '/c',
      cleanStaleControlDirectories: true,
      controlPersist: 'closed-after-initial',
      configFile: '/f',
      compression: true,
      jumpHosts: ['a', 'b'],
      userKnownHostsFile: '/kh',
      sshAuthSock: '/agent',
      sshPath: '/usr/bin/ssh',
      sshOptions: ['A=1', 'B=2'],
      signal,
    });
  });

  it('refuses to connect without a transport, saying what to pass', async () => {
    await expect(new SessionBuilder().connect('host')).rejects.toThrow(/processTransport\(\)/);
  });
});
