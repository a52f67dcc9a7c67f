// The known_hosts modules behind a real ssh2 client against a real sshd
// with two host keys (ED25519 and ECDSA): the verifier decides what ssh2
// accepts, and the algorithm order decides which key the server shows —
// as with ssh, a host recorded with only its ECDSA key connects once that
// key type is asked for first.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshError, type KnownHostsPolicy } from '@openssh-ts/session-core';
import { processesMentioning, startSshd, type TestSshd } from '@openssh-ts/test-sshd';
import type { KnownHostsFiles } from '../contracts.js';
import { orderHostKeyAlgorithms } from './host-key-algorithms.js';
import { enforceHostKeyPolicy } from './host-key-policy.js';
import { strictSshLogin } from './__fixtures__/strict-ssh-login.js';

const execFileAsync = promisify(execFile);
/** ssh2's own preference order, ED25519 first. */
const SSH2_ORDER = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256'];
let directory: string;
let sshd: TestSshd;
let ecdsaKeyText: string;
let fileCount = 0;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'ossh-kh-ssh2-'));
  const ecdsaKey = join(directory, 'host_ecdsa');
  await execFileAsync('ssh-keygen', ['-q', '-t', 'ecdsa', '-N', '', '-C', '', '-f', ecdsaKey]);
  ecdsaKeyText = (await readFile(`${ecdsaKey}.pub`, 'utf8')).trim();
  sshd = await startSshd({ extraConfig: [`HostKey ${ecdsaKey}`] });
});

afterAll(async () => {
  await sshd.stop();
  await rm(directory, { recursive: true, force: true });
  expect(processesMentioning([directory])).toEqual([]);
});

async function knownHosts(text: string): Promise<KnownHostsFiles & { path: string }> {
  const path = join(directory, `known_hosts-${++fileCount}`);
  await writeFile(path, text);
  return { user: [path], global: [], path };
}

/** Connects with ssh2, the host key decided by our policy; resolves with the key type accepted. */
async function connect(
  files: KnownHostsFiles,
  policy: KnownHostsPolicy,
  algorithms: string[],
): Promise<string> {
  const target = { host: sshd.host, port: sshd.port };
  const client = new Client();
  const privateKey = await readFile(sshd.identityFile);
  let refusal: unknown;
  let accepted = '';
  try {
    await new Promise<void>((resolve, reject) => {
      client.on('ready', () => resolve());
      client.on('error', (error) => reject(refusal instanceof Error ? refusal : error));
      client.connect({
        host: sshd.host,
        port: sshd.port,
        username: sshd.user,
        privateKey,
        algorithms: { serverHostKey: algorithms as never },
        hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
          const type = key.subarray(4, 4 + key.readUInt32BE(0)).toString();
          enforceHostKeyPolicy(target, { type, blob: key }, files, { policy, hash: false }).then(
            () => {
              accepted = type;
              verify(true);
            },
            (error: unknown) => {
              refusal = error;
              verify(false);
            },
          );
        },
      });
    });
  } finally {
    client.end();
  }
  return accepted;
}

describe('host keys through ssh2', () => {
  it('a host known by its ECDSA key only: ssh2 connects once ECDSA is asked for first, as ssh does', async () => {
    const files = await knownHosts(`[${sshd.host}]:${sshd.port} ${ecdsaKeyText}\n`);
    const ordered = await orderHostKeyAlgorithms(
      { host: sshd.host, port: sshd.port },
      files,
      SSH2_ORDER,
    );
    expect(ordered[0]).toBe('ecdsa-sha2-nistp256');
    expect(await connect(files, 'strict', ordered)).toBe('ecdsa-sha2-nistp256');
    const error: unknown = await connect(files, 'strict', SSH2_ORDER).catch(
      (caught: unknown) => caught,
    );
    expect(SshError.isInstance(error) && error.reason).toBe('host-key-mismatch');
    expect((await strictSshLogin(sshd, files.path)).ok).toBe(true);
  });

  it('strict refuses an unknown host; add records the key ssh2 was shown, which ssh-keygen -F finds', async () => {
    const files = await knownHosts('');
    const error: unknown = await connect(files, 'strict', SSH2_ORDER).catch(
      (caught: unknown) => caught,
    );
    expect(SshError.isInstance(error) && error.reason).toBe('host-key-unknown');
    expect(await connect(files, 'add', SSH2_ORDER)).toBe('ssh-ed25519');
    const name = `[${sshd.host}]:${sshd.port}`;
    const { stdout } = await execFileAsync('ssh-keygen', ['-F', name, '-f', files.path]);
    expect(stdout).toContain(`${name} ssh-ed25519 `);
    expect(await connect(files, 'strict', SSH2_ORDER)).toBe('ssh-ed25519');
  });
});
