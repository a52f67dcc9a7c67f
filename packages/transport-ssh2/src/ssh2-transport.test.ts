import { describe, expect, it } from 'vitest';
import { ssh2Transport } from './index.js';

describe('ssh2Transport', () => {
  it('is a connecting factory of interface version 2', () => {
    const factory = ssh2Transport();
    expect(factory).toMatchObject({ transportVersion: 2, name: 'ssh2', mode: 'connect' });
  });
});
