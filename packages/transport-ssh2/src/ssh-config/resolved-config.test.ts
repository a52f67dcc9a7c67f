import { describe, expect, it } from 'vitest';
import { SshError } from '@openssh-ts/session-core';
import { toResolvedConfig, type LocalIdentity } from './resolved-config.js';

const local: LocalIdentity = {
  homeDirectory: '/home/me',
  localUser: 'me',
  localUid: 1000,
  localHostName: 'laptop',
  environment: {},
};

function resolve(entries: Record<string, string[][]>) {
  return toResolvedConfig(new Map(Object.entries(entries)), 'Web-1', local, 'parser');
}

describe('toResolvedConfig', () => {
  it("fills ssh's defaults", () => {
    expect(resolve({})).toEqual({
      hostName: 'web-1',
      user: 'me',
      port: 22,
      identityFiles: [
        '/home/me/.ssh/id_rsa',
        '/home/me/.ssh/id_ecdsa',
        '/home/me/.ssh/id_ecdsa_sk',
        '/home/me/.ssh/id_ed25519',
        '/home/me/.ssh/id_ed25519_sk',
        '/home/me/.ssh/id_xmss',
        '/home/me/.ssh/id_dsa',
      ],
      identitiesOnly: false,
      proxyJump: [],
      userKnownHostsFiles: ['/home/me/.ssh/known_hosts', '/home/me/.ssh/known_hosts2'],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
      strictHostKeyChecking: 'ask',
      hashKnownHosts: false,
      serverAliveInterval: 0,
      serverAliveCountMax: 3,
      compression: false,
      setEnv: [],
      sendEnv: [],
      source: 'parser',
    });
  });

  it('reads values as ssh -G prints them', () => {
    const resolved = resolve({
      hostname: [['web-1.example']],
      user: [['deploy']],
      port: [['2222']],
      identityfile: [['~/.ssh/a_%r_%p'], ['/abs/b']],
      identitiesonly: [['yes']],
      proxyjump: [['j1,u@j2:22']],
      userknownhostsfile: [['/kh1', '/kh2']],
      globalknownhostsfile: [['none']],
      stricthostkeychecking: [['false']],
      hashknownhosts: [['yes']],
      connecttimeout: [['7']],
      serveraliveinterval: [['15']],
      compression: [['yes']],
      hostkeyalias: [['alias']],
      identityagent: [['/agent.sock']],
      setenv: [['A=x y'], ['B=']],
      sendenv: [['LANG'], ['LC_*']],
    });
    expect(resolved).toMatchObject({
      hostName: 'web-1.example',
      port: 2222,
      identityFiles: ['/home/me/.ssh/a_deploy_2222', '/abs/b'],
      identitiesOnly: true,
      proxyJump: ['j1', 'u@j2:22'],
      userKnownHostsFiles: ['/kh1', '/kh2'],
      globalKnownHostsFiles: [],
      strictHostKeyChecking: 'no',
      hashKnownHosts: true,
      connectTimeout: 7,
      serverAliveInterval: 15,
      compression: true,
      hostKeyAlias: 'alias',
      identityAgent: '/agent.sock',
      setEnv: [
        ['A', 'x y'],
        ['B', ''],
      ],
      sendEnv: ['LANG', 'LC_*'],
    });
    expect(resolve({ connecttimeout: [['none']] }).connectTimeout).toBeUndefined();
    expect(resolve({ connecttimeout: [['0']] }).connectTimeout).toBeUndefined();
    expect(resolve({ stricthostkeychecking: [['true']] }).strictHostKeyChecking).toBe('yes');
    expect(resolve({ stricthostkeychecking: [['accept-new']] }).strictHostKeyChecking).toBe(
      'accept-new',
    );
  });

  it.each([
    ['port', 'x'],
    ['port', '70000'],
    ['identitiesonly', 'maybe'],
    ['stricthostkeychecking', 'sometimes'],
    ['serveraliveinterval', '-1'],
    ['setenv', 'NOEQUALS'],
  ])('refuses %s %j', (keyword, value) => {
    expect(() => resolve({ [keyword]: [[value]] })).toThrow(SshError);
  });
});
