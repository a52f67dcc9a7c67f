// OpenSSH is the judge: the same config files are resolved by `ssh -G` and
// by our parser (with no ssh reachable: PATH without it, sshPath pointing
// nowhere), and both must give the same settings for every destination.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { SshError } from '@openssh-ts/session-core';
import type { ResolveSshConfigOptions, ResolvedSshConfig } from '../contracts.js';
import { resolveSshConfig } from './resolve-ssh-config.js';

let directory: string;
let configFile: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ossh-ssh-config-'));
  await mkdir(join(directory, 'conf.d'));
  await mkdir(join(directory, 'empty-bin'));
  await writeFile(
    join(directory, 'conf.d', '10-db.conf'),
    [
      'Host db-*',
      '  User dbadmin',
      '  SetEnv ROLE=db',
      '  SendEnv DB_* -DB_SECRET*',
      'Match host *.internal.example',
      '  ServerAliveCountMax 9',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(directory, 'conf.d', '20-late.conf'),
    ['Host db-2', '  Port 5022', ''].join('\n'),
  );
  configFile = join(directory, 'config');
  await writeFile(
    configFile,
    [
      '# top-level lines apply to everyone',
      'ConnectTimeout 11',
      '',
      `Include ${join(directory, 'conf.d', '*.conf')}`,
      '',
      'Host web-* !web-bad',
      '  HostName %h.internal.example',
      '  User deploy',
      '  Port 2200',
      '  IdentityFile ~/keys/%r_%h_%p',
      '  IdentityFile "%d/.ssh/with space_%u_%L"',
      '  IdentitiesOnly yes',
      '  ProxyJump jump1,bob@jump2:2022',
      '  UserKnownHostsFile ~/kh1 %d/kh_%h',
      '  StrictHostKeyChecking accept-new',
      '  ServerAliveInterval 15',
      '  SetEnv FOO=bar "BAZ=qu ux" FOO=dup',
      '  SetEnv IGNORED=second-line',
      '  SendEnv LANG LC_* OSSH_*',
      '  SendEnv -LC_A* OSSH_? -OSSH_*',
      '',
      'Host web-bad',
      '  HostName 127.0.0.9',
      '  StrictHostKeyChecking no',
      '  HostKeyAlias Bad-Alias',
      '',
      'Match originalhost ALIAS-*',
      '  HostName target.example',
      '  Compression yes',
      '',
      'Match host target.example user admin',
      '  IdentityFile ~/.ssh/admin_%C',
      '',
      'Match !host *.example localuser *',
      '  HashKnownHosts yes',
      '',
      'Host *',
      '  User fallback',
      '  Port 2300',
      '  ServerAliveInterval 99',
      '  UserKnownHostsFile none',
      '  GlobalKnownHostsFile /etc/a_known /etc/b_known',
      '  IdentityAgent ~/agent.%r.sock',
      '  ProxyJump none',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
  expect(processesMentioning([directory])).toEqual([]);
});

/** Resolves with no ssh anywhere: PATH without it, and sshPath pointing nowhere when asked. */
async function withoutSsh(
  host: string,
  options: ResolveSshConfigOptions,
): Promise<ResolvedSshConfig> {
  const path = process.env['PATH'];
  process.env['PATH'] = join(directory, 'empty-bin');
  try {
    return await resolveSshConfig(host, options);
  } finally {
    process.env['PATH'] = path;
  }
}

function withoutSource(resolved: ResolvedSshConfig): Omit<ResolvedSshConfig, 'source'> {
  const { source: _source, ...rest } = resolved;
  return rest;
}

describe('ssh_config resolution: the parser agrees with ssh -G', () => {
  const cases: [string, Omit<ResolveSshConfigOptions, 'configFile'>][] = [
    ['web-1', {}],
    ['web-bad', {}],
    ['web-2', { user: 'override', port: 2022 }],
    ['alias-x', {}],
    ['ALIAS-Y', { user: 'admin' }],
    ['alias-z', { user: 'nobody' }],
    ['db-1', {}],
    ['db-2', { sshOptions: ['User=from-option', 'IdentityFile /tmp/option_key', 'SetEnv OPT=1'] }],
    ['Mixed.Case.Host', {}],
    ['127.0.0.1', { port: 2222 }],
  ];

  it.each(cases)('%s %j', async (host, options) => {
    const fromSsh = await resolveSshConfig(host, { ...options, configFile });
    expect(fromSsh.source).toBe('ssh -G');
    const fromParser = await withoutSsh(host, { ...options, configFile });
    const fromParserNoSshPath = await withoutSsh(host, {
      ...options,
      configFile,
      sshPath: join(directory, 'no-ssh'),
    });
    expect(fromParser.source).toBe('parser');
    expect(withoutSource(fromParser)).toEqual(withoutSource(fromSsh));
    expect(fromParserNoSshPath).toEqual(fromParser);
  });

  it('resolves what the config says (spot checks of the agreed answer)', async () => {
    const web = await withoutSsh('web-1', { configFile });
    expect(web).toMatchObject({
      hostName: 'web-1.internal.example',
      user: 'deploy',
      port: 2200,
      identitiesOnly: true,
      proxyJump: ['jump1', 'bob@jump2:2022'],
      strictHostKeyChecking: 'accept-new',
      connectTimeout: 11,
      serverAliveInterval: 15,
      // The included Match host *.internal.example came before HostName was set: it saw web-1.
      serverAliveCountMax: 3,
      setEnv: [
        ['FOO', 'bar'],
        ['BAZ', 'qu ux'],
      ],
      // `-LC_A*` matches no listed pattern (a listed `*` is only itself);
      // `-OSSH_*` drops both OSSH_ patterns.
      sendEnv: ['LANG', 'LC_*'],
    });
    expect(web.identityFiles[0]).toMatch(/\/keys\/deploy_web-1\.internal\.example_2200$/);
    expect(web.userKnownHostsFiles[1]).toMatch(/\/kh_web-1\.internal\.example$/);
    const bad = await withoutSsh('web-bad', { configFile });
    expect(bad).toMatchObject({
      hostName: '127.0.0.9',
      hostKeyAlias: 'bad-alias',
      strictHostKeyChecking: 'no',
      proxyJump: [],
    });
    expect(bad.userKnownHostsFiles).toEqual([]);
    const alias = await withoutSsh('ALIAS-Y', { configFile, user: 'admin' });
    expect(alias).toMatchObject({
      hostName: 'target.example',
      user: 'admin',
      compression: true,
      hashKnownHosts: false,
    });
    expect(alias.identityFiles).toEqual([expect.stringMatching(/\/\.ssh\/admin_[0-9a-f]{40}$/)]);
    expect(await withoutSsh('db-1', { configFile })).toMatchObject({
      user: 'dbadmin',
      port: 2300,
      setEnv: [['ROLE', 'db']],
      sendEnv: ['DB_*'],
    });
    for (const resolve of [withoutSsh, resolveSshConfig]) {
      await expect(
        resolve('web-1', { configFile, sshOptions: ['SendEnv A=b'] }),
      ).rejects.toMatchObject({ kind: 'connect' });
    }
    const db2 = await withoutSsh('db-2', { configFile, sshOptions: ['User=from-option'] });
    expect(db2).toMatchObject({ user: 'from-option', port: 5022 });
    const mixed = await withoutSsh('Mixed.Case.Host', { configFile });
    expect(mixed).toMatchObject({
      hostName: 'mixed.case.host',
      hashKnownHosts: true,
      user: 'fallback',
    });
    expect(mixed.identityAgent).toMatch(/\/agent\.fallback\.sock$/);
  });

  it("agrees without -F too: the user's ~/.ssh/config and /etc/ssh/ssh_config (with its Include)", async () => {
    const fromSsh = await resolveSshConfig('127.0.0.1', { port: 2222 });
    const fromParser = await withoutSsh('127.0.0.1', { port: 2222 });
    expect(withoutSource(fromParser)).toEqual(withoutSource(fromSsh));
  });
});

describe('ssh_config resolution failures', () => {
  it('rejects a config that ssh refuses, with the message of ssh, and one the parser cannot parse', async () => {
    const broken = join(directory, 'broken');
    await writeFile(broken, 'Port notanumber\n');
    const fromSsh: unknown = await resolveSshConfig('web-1', { configFile: broken }).catch(
      (error: unknown) => error,
    );
    expect(SshError.isInstance(fromSsh) && fromSsh.kind).toBe('connect');
    expect(SshError.isInstance(fromSsh) && fromSsh.sshOutput).toMatch(/Port|port/);
    await expect(withoutSsh('web-1', { configFile: broken })).rejects.toThrow(SshError);
    const missing = join(directory, 'missing');
    await expect(resolveSshConfig('web-1', { configFile: missing })).rejects.toThrow(SshError);
    await expect(withoutSsh('web-1', { configFile: missing })).rejects.toThrow(SshError);
  });

  it('ends ssh -G and what its Match exec started when the signal aborts', async () => {
    const slow = join(directory, 'slow');
    const sleeper = `sleep 29.${process.pid}`;
    await writeFile(slow, `Match exec "${sleeper}"\n  Port 1\n`);
    const controller = new AbortController();
    const pending = resolveSshConfig('web-1', { configFile: slow, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 300);
    await expect(pending).rejects.toThrow('stop');
    expect(processesMentioning([sleeper])).toEqual([]);
    await expect(withoutSsh('web-1', { configFile: slow })).rejects.toThrow(
      /without an ssh binary/,
    );
  });
});
