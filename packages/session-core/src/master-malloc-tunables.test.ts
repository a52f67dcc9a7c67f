import { describe, expect, it } from 'vitest';
import { withMasterMallocTunables } from './master-malloc-tunables.js';

describe('withMasterMallocTunables', () => {
  it('sets both tunables when the user set none', () => {
    expect(withMasterMallocTunables(undefined)).toBe(
      'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864',
    );
    expect(withMasterMallocTunables('')).toBe(withMasterMallocTunables(undefined));
  });

  it("keeps the user's own tunables and their values first", () => {
    expect(withMasterMallocTunables('glibc.malloc.trim_threshold=1:glibc.mem.tagging=0')).toBe(
      'glibc.malloc.trim_threshold=1:glibc.mem.tagging=0:glibc.malloc.mmap_threshold=33554432',
    );
  });
});
