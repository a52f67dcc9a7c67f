import { describe, expect, it } from 'vitest';
import { checkHostKey, knownHostsName, knownKeyTypes } from './check-host-key.js';
import { hashHostName } from './hashed-host.js';
import { parseKnownHosts } from './read-known-hosts.js';
import { keyText, testKey } from './__fixtures__/keys.js';

const served = testKey('ssh-ed25519', 1);
const other = testKey('ssh-ed25519', 2);
const ecdsa = testKey('ecdsa-sha2-nistp256', 3);
const at2222 = { host: '127.0.0.1', port: 2222 };

function files(...texts: string[]) {
  return texts.map((text, index) => parseKnownHosts(text, `/kh${index}`));
}

describe('knownHostsName', () => {
  it('is the lowercased host for port 22 and [host]:port otherwise, or the alias', () => {
    expect(knownHostsName({ host: 'Web-1', port: 22 })).toBe('web-1');
    expect(knownHostsName({ host: '127.0.0.1', port: 2222 })).toBe('[127.0.0.1]:2222');
    expect(knownHostsName({ host: '::1', port: 2222 })).toBe('[::1]:2222');
    expect(knownHostsName({ host: 'x', port: 2222, hostKeyAlias: 'Alias' })).toBe('alias');
  });
});

describe('checkHostKey', () => {
  it('is ok for a matching key, plain or hashed, in any of several files', () => {
    expect(checkHostKey(files(`[127.0.0.1]:2222 ${keyText(served)}`), at2222, served)).toEqual({
      status: 'ok',
      file: '/kh0',
      line: 1,
    });
    const hashed = `${hashHostName('[127.0.0.1]:2222')} ${keyText(served)}`;
    expect(checkHostKey(files('# first\n', `\n${hashed}\n`), at2222, served)).toEqual({
      status: 'ok',
      file: '/kh1',
      line: 2,
    });
  });

  it('accepts any listed key of a host with several', () => {
    const text = `web-1 ${keyText(other)}\nweb-1 ${keyText(ecdsa)}\nweb-1 ${keyText(served)}\n`;
    expect(checkHostKey(files(text), { host: 'web-1', port: 22 }, served)).toMatchObject({
      status: 'ok',
      line: 3,
    });
  });

  it('is unknown for a host nobody lists', () => {
    expect(
      checkHostKey(files(`web-2 ${keyText(served)}`), { host: 'web-1', port: 22 }, served),
    ).toEqual({
      status: 'unknown',
    });
    expect(checkHostKey([], at2222, served)).toEqual({ status: 'unknown' });
  });

  it('is changed, with the offending file and line, when only other keys are listed', () => {
    const verdict = checkHostKey(
      files('', `# x\n[127.0.0.1]:2222 ${keyText(other)}`),
      at2222,
      served,
    );
    expect(verdict).toEqual({
      status: 'changed',
      file: '/kh1',
      line: 2,
      knownKeyType: 'ssh-ed25519',
    });
  });

  it('is changed when the host is known only by a key of another type, as ssh decides', () => {
    expect(checkHostKey(files(`[127.0.0.1]:2222 ${keyText(ecdsa)}`), at2222, served)).toMatchObject(
      {
        status: 'changed',
        knownKeyType: 'ecdsa-sha2-nistp256',
      },
    );
  });

  it('is revoked when a matching @revoked line lists the key, even if it is also trusted', () => {
    const text = `[127.0.0.1]:2222 ${keyText(served)}\n@revoked * ${keyText(served)}\n`;
    expect(checkHostKey(files(text), at2222, served)).toEqual({
      status: 'revoked',
      file: '/kh0',
      line: 2,
    });
    const revokedElsewhere = files(
      `[127.0.0.1]:2222 ${keyText(served)}`,
      `@revoked * ${keyText(served)}`,
    );
    expect(checkHostKey(revokedElsewhere, at2222, served)).toMatchObject({
      status: 'revoked',
      file: '/kh1',
    });
    const revokedOther = files(`[127.0.0.1]:2222 ${keyText(served)}\n@revoked * ${keyText(other)}`);
    expect(checkHostKey(revokedOther, at2222, served).status).toBe('ok');
  });

  it('never takes an @cert-authority key for the host key itself', () => {
    const text = `@cert-authority * ${keyText(served)}\n`;
    expect(checkHostKey(files(text), at2222, served)).toEqual({ status: 'unknown' });
    const caAndOther = `@cert-authority * ${keyText(served)}\n[127.0.0.1]:2222 ${keyText(other)}\n`;
    expect(checkHostKey(files(caAndOther), at2222, served)).toMatchObject({
      status: 'changed',
      line: 2,
    });
  });

  it('finds a key listed without the port, but is not changed by one', () => {
    expect(checkHostKey(files(`127.0.0.1 ${keyText(served)}`), at2222, served)).toMatchObject({
      status: 'ok',
    });
    expect(checkHostKey(files(`127.0.0.1 ${keyText(other)}`), at2222, served)).toEqual({
      status: 'unknown',
    });
    expect(
      checkHostKey(files(`127.0.0.1 ${keyText(other)}`), { host: '127.0.0.1', port: 22 }, served),
    ).toMatchObject({
      status: 'changed',
    });
  });

  it('looks a HostKeyAlias up as written', () => {
    const text = `myalias ${keyText(served)}`;
    expect(checkHostKey(files(text), { ...at2222, hostKeyAlias: 'MyAlias' }, served).status).toBe(
      'ok',
    );
    expect(checkHostKey(files(text), at2222, served).status).toBe('unknown');
  });

  it('matches wildcards and skips negated hosts', () => {
    const text = `*.example.com,!bad.example.com ${keyText(served)}`;
    expect(checkHostKey(files(text), { host: 'a.example.com', port: 22 }, served).status).toBe(
      'ok',
    );
    expect(checkHostKey(files(text), { host: 'bad.example.com', port: 22 }, served).status).toBe(
      'unknown',
    );
  });

  it('calls a malformed offered key unknown rather than crashing', () => {
    expect(
      checkHostKey(files(`web-1 ${keyText(served)}`), { host: 'web-1', port: 22 }, Buffer.alloc(3))
        .status,
    ).toBe('unknown');
  });
});

describe('knownKeyTypes', () => {
  it('lists plain key types in file order, falling back to the bare host for other ports', () => {
    const text = `[127.0.0.1]:2222 ${keyText(ecdsa)}\n[127.0.0.1]:2222 ${keyText(served)}\n@revoked * ${keyText(other)}\n127.0.0.1 ${keyText(served)}`;
    expect(knownKeyTypes(files(text), at2222)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
    expect(knownKeyTypes(files(text), { host: '127.0.0.1', port: 2200 })).toEqual(['ssh-ed25519']);
    expect(knownKeyTypes(files(text), { host: 'web-1', port: 22 })).toEqual([]);
  });
});
