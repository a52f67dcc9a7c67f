import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SshError, type KnownHostsPolicy } from '@openssh-ts/session-core';
import type { KnownHostsFiles, PresentedHostKey } from '../contracts.js';
import { enforceHostKeyPolicy } from './host-key-policy.js';
import { keyText, testKey } from './__fixtures__/keys.js';

const directory = mkdtempSync(join(tmpdir(), 'ossh-kh-policy-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const served = testKey('ssh-ed25519', 1);
const other = testKey('ssh-ed25519', 2);
const presented: PresentedHostKey = { type: 'ssh-ed25519', blob: served };
const target = { host: '127.0.0.1', port: 2222 };
let fileCount = 0;

function knownHosts(userText?: string, globalText?: string): KnownHostsFiles & { first: string } {
  fileCount++;
  const user = join(directory, `user-${fileCount}`);
  const global = join(directory, `global-${fileCount}`);
  if (userText !== undefined) writeFileSync(user, userText);
  if (globalText !== undefined) writeFileSync(global, globalText);
  return { user: [user], global: [global], first: user };
}

function enforce(files: KnownHostsFiles, policy: KnownHostsPolicy) {
  return enforceHostKeyPolicy(target, presented, files, { policy, hash: false });
}

async function refusal(files: KnownHostsFiles, policy: KnownHostsPolicy): Promise<SshError> {
  const error: unknown = await enforce(files, policy).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!SshError.isInstance(error)) throw new Error(`expected an SshError, got ${String(error)}`);
  expect(error.kind).toBe('connect');
  return error;
}

describe('enforceHostKeyPolicy', () => {
  it('accepts a known key under every policy, from user or global files', async () => {
    for (const policy of ['strict', 'add', 'accept'] as const) {
      expect(
        (await enforce(knownHosts(`[127.0.0.1]:2222 ${keyText(served)}\n`), policy)).status,
      ).toBe('ok');
      const global = knownHosts(undefined, `[127.0.0.1]:2222 ${keyText(served)}\n`);
      expect((await enforce(global, policy)).status).toBe('ok');
    }
  });

  it('strict refuses an unknown host and a changed key as different errors', async () => {
    const unknown = await refusal(knownHosts(), 'strict');
    expect(unknown.reason).toBe('host-key-unknown');
    expect(unknown.message).toMatch(
      /^No ED25519 host key is known for \[127\.0\.0\.1\]:2222 \(SHA256:/,
    );
    expect(unknown.cause).toEqual({ status: 'unknown' });
    const changedFiles = knownHosts(`# one\n[127.0.0.1]:2222 ${keyText(other)}\n`);
    const changed = await refusal(changedFiles, 'strict');
    expect(changed.reason).toBe('host-key-mismatch');
    expect(changed.message).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    expect(changed.message).toContain(`offending ED25519 key in ${changedFiles.first}:2`);
  });

  it('add records an unknown host in the first user file only and refuses a changed key', async () => {
    const files = knownHosts();
    expect((await enforce(files, 'add')).status).toBe('unknown');
    expect(readFileSync(files.first, 'utf8')).toBe(`[127.0.0.1]:2222 ${keyText(served)}\n`);
    expect(() => readFileSync(files.global[0] ?? '')).toThrow();
    expect((await enforce(files, 'add')).status).toBe('ok');
    const changed = await refusal(knownHosts(`[127.0.0.1]:2222 ${keyText(other)}\n`), 'add');
    expect(changed.reason).toBe('host-key-mismatch');
  });

  it('add refuses an unknown host when there is no user file to record it in', async () => {
    const error = await refusal({ ...knownHosts(), user: [] }, 'add');
    expect(error.message).toContain('no user known_hosts file');
  });

  it('refuses a revoked key under strict and add, whatever else lists it, and records nothing', async () => {
    const text = `[127.0.0.1]:2222 ${keyText(served)}\n@revoked * ${keyText(served)}\n`;
    for (const policy of ['strict', 'add'] as const) {
      const error = await refusal(knownHosts(text), policy);
      expect(error.reason).toBe('host-key-mismatch');
      expect(error.message).toContain('is marked as revoked');
    }
    const unknownButRevoked = knownHosts(undefined, `@revoked * ${keyText(served)}\n`);
    await refusal(unknownButRevoked, 'add');
    expect(() => readFileSync(unknownButRevoked.first)).toThrow();
  });

  it('accept trusts changed keys without writing, and records new ones when it can', async () => {
    const changed = knownHosts(`[127.0.0.1]:2222 ${keyText(other)}\n`);
    expect((await enforce(changed, 'accept')).status).toBe('changed');
    expect(readFileSync(changed.first, 'utf8')).toBe(`[127.0.0.1]:2222 ${keyText(other)}\n`);
    const fresh = knownHosts();
    await enforce(fresh, 'accept');
    expect(readFileSync(fresh.first, 'utf8')).toContain(keyText(served));
    const blocker = join(directory, 'blocker');
    writeFileSync(blocker, '');
    const unwritable = { ...knownHosts(), user: [join(blocker, 'known_hosts')] };
    expect((await enforce(unwritable, 'accept')).status).toBe('unknown');
  });

  it('add never records a host certificate, which only a CA line could vouch for', async () => {
    const files = knownHosts(`@cert-authority * ${keyText(served)}\n`);
    const certificate = testKey('ssh-ed25519-cert-v01@openssh.com', 4);
    const error: unknown = await enforceHostKeyPolicy(
      target,
      { type: 'ssh-ed25519-cert-v01@openssh.com', blob: certificate },
      files,
      { policy: 'add', hash: false },
    ).catch((caught: unknown) => caught);
    expect(SshError.isInstance(error) && error.reason).toBe('host-key-unknown');
    expect(readFileSync(files.first, 'utf8')).toBe(`@cert-authority * ${keyText(served)}\n`);
  });
});
