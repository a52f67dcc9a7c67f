import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { masterArguments } from './master-arguments.js';
import {
  DEFAULT_SERVER_ALIVE_COUNT_MAX,
  DEFAULT_SERVER_ALIVE_INTERVAL,
  deadLinkBound,
  readServerAliveConfig,
  serverAliveFromOptions,
} from './server-alive.js';
import { resolveConnect } from './server-alive-default.js';

const directory = mkdtempSync(join(tmpdir(), 'ost-alive-'));
const paths = { controlSocket: join(directory, 'master'), masterLog: join(directory, 'log') };
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// `ssh -G` only prints the resolved configuration; nothing is connected.
function configFile(lines: string[]): string {
  const path = join(directory, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('server alive settings', () => {
  it('defaults to 15 s and 3: a dead link is noticed within 60 s', () => {
    const settings = serverAliveFromOptions({});
    expect(settings).toEqual({
      intervalMs: DEFAULT_SERVER_ALIVE_INTERVAL,
      countMax: DEFAULT_SERVER_ALIVE_COUNT_MAX,
    });
    expect(deadLinkBound(settings)).toBe(60_000);
    expect(deadLinkBound({ intervalMs: 0, countMax: 3 })).toBe(Infinity);
  });

  it('refuses intervals and counts that ssh would misread', () => {
    for (const serverAliveInterval of [-1, NaN, Infinity])
      expect(() => serverAliveFromOptions({ serverAliveInterval })).toThrow(
        expect.objectContaining({ kind: 'invalid-command' }),
      );
    for (const serverAliveCountMax of [0, 1.5, 1001])
      expect(() => serverAliveFromOptions({ serverAliveCountMax })).toThrow(
        expect.objectContaining({ kind: 'invalid-command' }),
      );
  });

  it('passes explicit values to the master, 0 included', () => {
    const argv = masterArguments(
      { serverAliveInterval: 0, serverAliveCountMax: 2 },
      { host: 'h' },
      paths,
    ).join(' ');
    expect(argv).toContain('-o ServerAliveInterval=0 -o ServerAliveCountMax=2');
  });

  it('reads what ssh -G resolves', async () => {
    const config = configFile(['Host *', '  ServerAliveInterval 7', '  ServerAliveCountMax 5']);
    await expect(readServerAliveConfig('ssh', ['-F', config, '--', 'h'])).resolves.toEqual({
      intervalMs: 7000,
      countMax: 5,
    });
    await expect(readServerAliveConfig('/nonexistent/ssh', ['h'])).resolves.toBeUndefined();
  });

  it('fills in the default only when neither the options nor ssh_config set an interval', async () => {
    const silent = configFile(['Host *', '  BatchMode yes']);
    const none = (await resolveConnect({ configFile: configFile([]) }, { host: 'h' }, paths))
      .options;
    expect(none.serverAliveInterval).toBe(DEFAULT_SERVER_ALIVE_INTERVAL);
    // Debian's ssh turns BatchMode into 300 s, also from ssh_config; that is
    // not the user's interval, and ssh -G is run so that it does not count.
    const debianLike = (await resolveConnect({ configFile: silent }, { host: 'h' }, paths)).options;
    expect(debianLike.serverAliveInterval).toBe(DEFAULT_SERVER_ALIVE_INTERVAL);
    const own = (
      await resolveConnect(
        { configFile: configFile(['Host h', '  ServerAliveInterval 9']) },
        { host: 'h' },
        paths,
      )
    ).options;
    expect(own.serverAliveInterval).toBeUndefined();
    const explicit = (await resolveConnect({ serverAliveInterval: 0 }, { host: 'h' }, paths))
      .options;
    expect(explicit.serverAliveInterval).toBe(0);
  });
});

it('reads the session environment (SendEnv matches, then SetEnv) from the same ssh -G', async () => {
  process.env.OSSH_TEST_SENT_FROM_HERE = 'sent value';
  try {
    const { sessionEnvironment } = await resolveConnect(
      {
        configFile: configFile([
          'Host h',
          '  SendEnv OSSH_TEST_SENT_*',
          '  SetEnv OSSH_TEST_SET="with space"',
        ]),
      },
      { host: 'h' },
      paths,
    );
    expect(sessionEnvironment).toEqual([
      ['OSSH_TEST_SENT_FROM_HERE', 'sent value'],
      ['OSSH_TEST_SET', 'with space'],
    ]);
  } finally {
    delete process.env.OSSH_TEST_SENT_FROM_HERE;
  }
});
