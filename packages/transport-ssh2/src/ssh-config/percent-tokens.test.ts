import { describe, expect, it } from 'vitest';
import { SshError } from '@openssh-ts/session-core';
import { expandPath, expandTilde, percentExpand, type TokenContext } from './percent-tokens.js';

const context: TokenContext = {
  homeDirectory: '/home/me',
  localUser: 'me',
  localUid: 1000,
  localHostName: 'laptop.example.org',
  hostName: 'web-1.internal',
  originalHost: 'web-1',
  hostKeyAlias: undefined,
  port: 2200,
  remoteUser: 'deploy',
};

describe('expandPath', () => {
  it('expands ~ then every token', () => {
    expect(expandPath('~/k/%r@%h:%p-%n-%u-%i-%l-%L-%k-%%', context, {}, 'IdentityFile')).toBe(
      '/home/me/k/deploy@web-1.internal:2200-web-1-me-1000-laptop.example.org-laptop-web-1-%',
    );
    expect(expandPath('%d/x', context, {}, 'IdentityFile')).toBe('/home/me/x');
    expect(expandPath('%k', { ...context, hostKeyAlias: 'alias' }, {}, 'IdentityFile')).toBe(
      'alias',
    );
  });

  it('computes %C as the SHA-1 of %l%h%p%r, as ssh -G -o ControlPath=%C does', () => {
    // printf %s laptop.example.orgweb-1.internal2200deploy | sha1sum
    expect(expandPath('%C', context, {}, 'x')).toBe('76d6ef256f21f98297ded244d5a142f7cadfe168');
  });

  it('expands ${NAME} once, never expanding what it put in', () => {
    expect(expandPath('${KEYS}/%u', context, { KEYS: '/k%h' }, 'IdentityFile')).toBe('/k%h/me');
  });

  it.each(['%z', 'trailing %', '${UNSET}', '${not a name}'])('refuses %j', (path) => {
    expect(() => expandPath(path, context, {}, 'IdentityFile')).toThrow(SshError);
  });
});

describe('percentExpand and expandTilde', () => {
  it('leave ${…} alone without an environment and ~user as written', () => {
    expect(percentExpand('%h.${X}', { h: 'a', '%': '%' }, 'HostName')).toBe('a.${X}');
    expect(expandTilde('~', '/home/me')).toBe('/home/me');
    expect(expandTilde('~other/x', '/home/me')).toBe('~other/x');
    expect(expandTilde('/abs/~', '/home/me')).toBe('/abs/~');
  });
});
