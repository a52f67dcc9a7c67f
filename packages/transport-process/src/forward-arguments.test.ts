import { describe, expect, it } from 'vitest';
import { forwardArguments } from './forward-arguments.js';

describe('forwardArguments', () => {
  it('formats local, remote and dynamic forwards, TCP and Unix, IPv6 in brackets', () => {
    expect(
      forwardArguments({
        kind: 'local',
        listen: { path: '/tmp/a.sock' },
        connect: { host: '127.0.0.1', port: 80 },
      }),
    ).toEqual(['-L', '/tmp/a.sock:127.0.0.1:80']);
    expect(
      forwardArguments({
        kind: 'remote',
        listen: { host: '::1', port: 0 },
        connect: { path: '/run/x' },
      }),
    ).toEqual(['-R', '[::1]:0:/run/x']);
    expect(
      forwardArguments({ kind: 'dynamic', listen: { host: 'localhost', port: 1080 } }),
    ).toEqual(['-D', 'localhost:1080']);
  });

  it('refuses a socket path ssh would split', () => {
    expect(() => forwardArguments({ kind: 'dynamic', listen: { path: '/tmp/a:b' } })).toThrow(
      expect.objectContaining({ kind: 'invalid-command' }) as Error,
    );
  });
});
