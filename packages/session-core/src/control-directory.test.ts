import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createControlDirectory,
  MAX_CONTROL_SOCKET_PATH_BYTES,
  removeStaleControlDirectories,
} from './control-directory.js';

const made: string[] = [];
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function scratch(): string {
  const directory = mkdtempSync(join(tmpdir(), 'ost-unit-'));
  made.push(directory);
  return directory;
}

describe('control directories', () => {
  it('are made 0700 with a short socket path', async () => {
    const paths = await createControlDirectory(scratch());
    expect(readdirSync(join(paths.directory, '..'))).toHaveLength(1);
    expect(Buffer.byteLength(paths.controlSocket)).toBeLessThanOrEqual(
      MAX_CONTROL_SOCKET_PATH_BYTES,
    );
    const { statSync } = await import('node:fs');
    expect(statSync(paths.directory).mode & 0o777).toBe(0o700);
  });

  it('refuses a parent so long the socket path could not be bound, before ssh runs', async () => {
    const parent = join(scratch(), 'x'.repeat(90));
    mkdirSync(parent);
    await expect(createControlDirectory(parent)).rejects.toMatchObject({
      kind: 'master',
      message: expect.stringContaining('too long') as unknown,
    });
    expect(readdirSync(parent)).toEqual([]);
  });

  it('stale cleanup removes old directories without a live master, and nothing else', async () => {
    const parent = scratch();
    const old = join(parent, 'ossh-old123');
    const young = join(parent, 'ossh-new123');
    const foreign = join(parent, 'other-dir');
    for (const directory of [old, young, foreign]) mkdirSync(directory);
    const longAgo = new Date(Date.now() - 3600_000);
    utimesSync(old, longAgo, longAgo);
    utimesSync(foreign, longAgo, longAgo);
    expect(await removeStaleControlDirectories(parent)).toEqual([old]);
    expect(readdirSync(parent).sort()).toEqual(['ossh-new123', 'other-dir']);
  });
});
