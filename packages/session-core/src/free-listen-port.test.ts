import { describe, expect, it } from 'vitest';
import { openOnFreeLocalPort, wantsFreeLocalPort } from './free-listen-port.js';
import { SshError } from './ssh-error.js';
import type { ForwardRequest } from './transport.js';

const local: ForwardRequest = {
  kind: 'local',
  listen: { host: '127.0.0.1', port: 0 },
  connect: { host: '127.0.0.1', port: 80 },
};

describe('openOnFreeLocalPort', () => {
  it('asks for a concrete free port, and another one after a refusal', async () => {
    const asked: ForwardRequest[] = [];
    const opened = await openOnFreeLocalPort(local, (request) => {
      asked.push(request);
      return asked.length === 1
        ? Promise.reject(new SshError('forward', 'Port forwarding failed'))
        : Promise.resolve({});
    });
    expect(asked).toHaveLength(2);
    expect(opened.request).toEqual(asked[1]);
    expect(opened.allocatedPort).toBeGreaterThan(0);
    expect(opened.request.listen).toEqual({ host: '127.0.0.1', port: opened.allocatedPort });
  });

  it('passes any other failure on at once', async () => {
    let calls = 0;
    const failure = new SshError('disconnected', 'gone');
    await expect(
      openOnFreeLocalPort(local, () => {
        calls += 1;
        return Promise.reject(failure);
      }),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('is only for local and dynamic TCP listeners on port 0', () => {
    expect(wantsFreeLocalPort(local)).toBe(true);
    expect(wantsFreeLocalPort({ kind: 'dynamic', listen: { host: '127.0.0.1', port: 0 } })).toBe(
      true,
    );
    expect(wantsFreeLocalPort({ ...local, kind: 'remote' })).toBe(false);
    expect(wantsFreeLocalPort({ ...local, listen: { path: '/tmp/s' } })).toBe(false);
    expect(wantsFreeLocalPort({ ...local, listen: { host: '127.0.0.1', port: 8080 } })).toBe(false);
  });
});
