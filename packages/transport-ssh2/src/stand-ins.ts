// A temporary stand-in for the ssh-config module being written beside
// this one (see contracts.ts): ssh's defaults only, no config file read.
// Replaced by the real module as soon as it lands.
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { ResolveSshConfig } from './contracts.js';

/** Stand-in: no ssh_config at all, ssh's defaults only. */
export const resolveSshConfig: ResolveSshConfig = (host, options) => {
  const ssh = join(homedir(), '.ssh');
  return Promise.resolve({
    hostName: host,
    user: options.user ?? userInfo().username,
    port: options.port ?? 22,
    identityFiles: ['id_rsa', 'id_ecdsa', 'id_ed25519'].map((name) => join(ssh, name)),
    identitiesOnly: false,
    proxyJump: [],
    userKnownHostsFiles: [join(ssh, 'known_hosts'), join(ssh, 'known_hosts2')],
    globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    strictHostKeyChecking: 'ask',
    hashKnownHosts: false,
    serverAliveInterval: 0,
    serverAliveCountMax: 3,
    compression: false,
    setEnv: [],
    source: 'parser',
  });
};
