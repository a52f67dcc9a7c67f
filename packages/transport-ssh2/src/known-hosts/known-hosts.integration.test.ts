// OpenSSH is the judge: every known_hosts file below is given to both the
// real `ssh` (against the harness sshd, strict checking) and to our
// verifier, and both must come to the same verdict, at the same line.
// Lines written by our `add` must be found by `ssh-keygen -F` and trusted
// by `ssh`.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import type { KnownHostsTarget, PresentedHostKey } from '../contracts.js';
import { enforceHostKeyPolicy } from './host-key-policy.js';
import { verifyHostKey } from './verify-host-key.js';
import { strictSshLogin } from './__fixtures__/strict-ssh-login.js';

const execFileAsync = promisify(execFile);
const sshd = harnessSshd();
const target: KnownHostsTarget = { host: sshd.host, port: sshd.port };
const name = `[${sshd.host}]:${sshd.port}`;
let directory: string;
let hostKey: PresentedHostKey;
let hostKeyText: string;
let otherEd25519: string;
let otherEcdsa: string;
let fileCount = 0;

async function generatedKey(type: string): Promise<string> {
  const path = join(directory, `key-${type}`);
  await execFileAsync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', '', '-f', path]);
  return (await readFile(`${path}.pub`, 'utf8')).trim().split(' ').slice(0, 2).join(' ');
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ossh-kh-judge-'));
  hostKeyText = (await readFile(join(sshd.directory, 'host_ed25519.pub'), 'utf8'))
    .trim()
    .split(' ')
    .slice(0, 2)
    .join(' ');
  const [type = '', base64 = ''] = hostKeyText.split(' ');
  hostKey = { type, blob: Buffer.from(base64, 'base64') };
  otherEd25519 = await generatedKey('ed25519');
  otherEcdsa = await generatedKey('ecdsa');
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
  expect(processesMentioning([directory])).toEqual([]);
});

async function knownHostsFile(text: string): Promise<string> {
  const path = join(directory, `known_hosts-${++fileCount}`);
  await writeFile(path, text);
  return path;
}

/** ssh's own verdict on a known_hosts file: what a strict, unattended login says. */
async function sshVerdict(file: string): Promise<{ status: string; line?: number }> {
  const result = await strictSshLogin(sshd, file);
  if (result.ok) return { status: 'ok' };
  const offending = /Offending \S+ key in \S+:(\d+)/.exec(result.stderr);
  if (/REVOKED HOST KEY/.test(result.stderr)) return { status: 'revoked' };
  if (/HAS CHANGED/.test(result.stderr)) return { status: 'changed', line: Number(offending?.[1]) };
  if (/No \S+ host key is known/.test(result.stderr)) return { status: 'unknown' };
  throw new Error(`unexpected ssh output: ${result.stderr}`);
}

async function ourVerdict(file: string): Promise<{ status: string; line?: number }> {
  const verdict = await verifyHostKey(target, hostKey, { user: [file], global: [] });
  return verdict.status === 'changed'
    ? { status: 'changed', line: verdict.line }
    : { status: verdict.status };
}

describe('known_hosts verdicts, judged by OpenSSH', () => {
  const cases: [string, () => string, string][] = [
    ['the key under [host]:port', () => `${name} ${hostKeyText}\n`, 'ok'],
    ['the key under the bare host, for a non-22 port', () => `${sshd.host} ${hostKeyText}\n`, 'ok'],
    ['the key under a wildcard', () => `[127.0.0.?]:*,other ${hostKeyText}\n`, 'ok'],
    [
      'several keys, the right one last',
      () => `${name} ${otherEcdsa}\n${name} ${otherEd25519}\n${name} ${hostKeyText}\n`,
      'ok',
    ],
    ['a negated match', () => `[127.0.0.*]:*,!${name} ${hostKeyText}\n`, 'unknown'],
    ['an empty file', () => '', 'unknown'],
    ['another host only', () => `[127.0.0.2]:${sshd.port} ${hostKeyText}\n`, 'unknown'],
    ['the key as a certificate authority', () => `@cert-authority * ${hostKeyText}\n`, 'unknown'],
    [
      'bad lines only',
      () => `garbage\n${name} ssh-ed25519\n@bogus ${name} ${hostKeyText}\n`,
      'unknown',
    ],
    ['another key of the same type', () => `# comment\n${name} ${otherEd25519}\n`, 'changed'],
    ['two other keys', () => `${name} ${otherEd25519}\n${name} ${otherEd25519}\n`, 'changed'],
    ['only a key of another type', () => `${name} ${otherEcdsa}\n`, 'changed'],
    [
      'the key, also revoked',
      () => `${name} ${hostKeyText}\n@revoked * ${hostKeyText}\n`,
      'revoked',
    ],
    ['the key revoked for an unknown host', () => `@revoked ${name} ${hostKeyText}\n`, 'revoked'],
  ];

  it.each(cases)('%s', async (_label, text, expected) => {
    const file = await knownHostsFile(text());
    const [ssh, ours] = await Promise.all([sshVerdict(file), ourVerdict(file)]);
    expect(ours).toEqual(ssh);
    expect(ours.status).toBe(expected);
  });

  it('agrees on hashed entries written by ssh-keygen -H', async () => {
    const file = await knownHostsFile(
      `${name} ${otherEcdsa}\n${name} ${hostKeyText}\nweb-1 ${otherEd25519}\n`,
    );
    await execFileAsync('ssh-keygen', ['-H', '-f', file]);
    const hashed = await readFile(file, 'utf8');
    expect(hashed).not.toContain(name);
    expect(await ourVerdict(file)).toEqual({ status: 'ok' });
    expect(await sshVerdict(file)).toEqual({ status: 'ok' });
    const changed = await knownHostsFile(`${name} ${otherEd25519}\n`);
    await execFileAsync('ssh-keygen', ['-H', '-f', changed]);
    const [ssh, ours] = await Promise.all([sshVerdict(changed), ourVerdict(changed)]);
    expect(ours).toEqual(ssh);
    expect(ours).toEqual({ status: 'changed', line: 1 });
  });
});

describe('add writes what OpenSSH reads', () => {
  it.each([false, true])(
    'hash %s: ssh-keygen -F finds the line and ssh trusts it',
    async (hash) => {
      const existing = `# mine, untouched\nweb-1 ${otherEd25519}`;
      const file = await knownHostsFile(existing);
      await enforceHostKeyPolicy(
        target,
        hostKey,
        { user: [file], global: [] },
        { policy: 'add', hash },
      );
      const written = await readFile(file, 'utf8');
      expect(written.startsWith(`${existing}\n`)).toBe(true);
      const added = written.slice(existing.length + 1);
      expect(added.endsWith(` ${hostKeyText}\n`)).toBe(true);
      expect(added.startsWith(hash ? '|1|' : `${name} `)).toBe(true);
      const { stdout } = await execFileAsync('ssh-keygen', ['-F', name, '-f', file]);
      expect(stdout).toContain(`# Host ${name} found: line 3`);
      expect(stdout).toContain(hostKeyText);
      expect(await sshVerdict(file)).toEqual({ status: 'ok' });
    },
  );
});
