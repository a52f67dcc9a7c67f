// The Sftp API against the real OpenSSH sftp-server run locally (no sshd):
// every operation and error mapping. The same through sshd and a Session is
// in sftp.integration.test.ts.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startLocalSftp } from '../test/local-sftp-server.js';
import { SftpError } from './sftp-error.js';

const runningAsRootWithTestUser = process.getuid?.() === 0;

describe('Sftp over a local sftp-server', () => {
  it('reads, writes, appends and stats files', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    await sftp.writeFile('a.txt', 'hello');
    await sftp.appendFile('a.txt', ' world');
    expect(await sftp.readFile('a.txt', { encoding: 'utf8' })).toBe('hello world');
    const stats = await sftp.stat('a.txt');
    expect(stats.isFile()).toBe(true);
    expect(stats.size).toBe(11);
    expect(await sftp.exists('a.txt')).toBe(true);
    expect(await sftp.exists('missing')).toBe(false);
    expect(sftp.limits?.maxReadLength).toBeGreaterThan(0);
    expect(sftp.transferSettings.readBlockSize).toBe(sftp.limits?.maxReadLength);
  });

  it('opens a file handle: read, write, stat, setStat, truncate, sync, statvfs', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    await using file = await sftp.open('h.bin', 'w+', 0o600);
    const data = Buffer.alloc(1_000_000, 7);
    expect((await file.write(data)).bytesWritten).toBe(data.byteLength);
    await file.write(Buffer.from('xyz'), 0, 3, 10);
    const target = Buffer.alloc(20);
    const { bytesRead } = await file.read(target, 0, 20, 0);
    expect(bytesRead).toBe(20);
    expect(target.subarray(10, 13).toString()).toBe('xyz');
    expect((await file.stat()).size).toBe(1_000_000);
    expect(((await file.stat()).mode ?? 0) & 0o777).toBe(0o600);
    await file.truncate(5);
    expect((await file.stat()).size).toBe(5);
    await file.chmod(0o640);
    await file.utimes(1_000_000, new Date(2_000_000_000));
    const after = await file.stat();
    expect(after.mode! & 0o777).toBe(0o640);
    expect(after.mtime?.getTime()).toBe(2_000_000_000);
    await file.sync();
    expect((await file.statvfs()).blockSize).toBeGreaterThan(0);
    const rest = Buffer.alloc(100);
    expect((await file.read(rest, 0, 100, 0)).bytesRead).toBe(5);
    await file.close();
    await expect(file.stat()).rejects.toMatchObject({ code: 'closed' });
  });

  it('refuses NaN, fractional and negative offsets, lengths and positions', async () => {
    await using local = await startLocalSftp();
    await using file = await local.sftp.open('ranges.bin', 'w+');
    const buffer = Buffer.alloc(8);
    const refused = { code: 'invalid-argument' };
    await expect(file.read(buffer, Number.NaN)).rejects.toMatchObject(refused);
    await expect(file.read(buffer, 0, 0.5)).rejects.toMatchObject(refused);
    await expect(file.write(buffer, 0, 8, -1)).rejects.toMatchObject(refused);
    await expect(file.write(buffer, 0, 8, Number.NaN)).rejects.toMatchObject(refused);
    await expect(file.write(buffer, 4, 8)).rejects.toMatchObject(refused);
    expect((await file.stat()).size).toBe(0);
  });

  it('reads and writes at offsets above 4 GiB (64-bit offsets)', async () => {
    await using local = await startLocalSftp();
    const offset = 5 * 2 ** 32 + 12_345;
    await using file = await local.sftp.open('sparse', 'w+');
    await file.write(Buffer.from('far away'), 0, 8, offset);
    expect((await file.stat()).size).toBe(offset + 8);
    const target = Buffer.alloc(8);
    await file.read(target, 0, 8, offset);
    expect(target.toString()).toBe('far away');
    const tail: Buffer[] = [];
    for await (const chunk of local.sftp.createReadStream('sparse', { start: offset + 4 })) {
      tail.push(chunk as Buffer);
    }
    expect(Buffer.concat(tail).toString()).toBe('away');
  });

  it('maps status codes to typed errors with the path and server message', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    const missing = await sftp.stat('no/such').catch((error: unknown) => error);
    expect(SftpError.isInstance(missing)).toBe(true);
    expect(missing).toMatchObject({
      code: 'no-such-file',
      path: 'no/such',
      operation: 'stat',
      status: 2,
    });
    expect((missing as SftpError).serverMessage).toMatch(/no such file/i);
    await sftp.mkdir('d');
    await expect(sftp.mkdir('d')).rejects.toMatchObject({ code: 'failure', path: 'd' });
    await sftp.writeFile('d/f', 'x');
    await expect(sftp.rmdir('d')).rejects.toMatchObject({ code: 'failure' });
    await expect(sftp.open('d/f', 'wx')).rejects.toMatchObject({ code: 'failure' });
    await expect(sftp.readdir('d/f')).rejects.toMatchObject({ code: 'no-such-file' });
    if (runningAsRootWithTestUser) {
      await expect(sftp.readFile('/etc/shadow')).rejects.toMatchObject({
        code: 'permission-denied',
        path: '/etc/shadow',
      });
      await expect(sftp.writeFile('/root-owned', 'x')).rejects.toMatchObject({
        code: 'permission-denied',
      });
    }
    // OpenSSH maps ENAMETOOLONG (and EINVAL) to SSH_FX_BAD_MESSAGE.
    await expect(sftp.stat('n'.repeat(300))).rejects.toMatchObject({
      code: 'bad-message',
      status: 5,
    });
    await expect(sftp.stat('a\0b')).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(sftp.stat(new String('x') as unknown as string)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });

  it('makes and removes directory trees, renames, links and copies', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    await sftp.mkdir('tree/a/b/c', { recursive: true, mode: 0o750 });
    await sftp.mkdir('tree/a/b', { recursive: true });
    await sftp.writeFile('tree/a/b/c/file', 'payload');
    await sftp.writeFile('tree/top', 'top');
    expect((await sftp.readdir('tree')).sort()).toEqual(['a', 'top']);
    await sftp.rename('tree/top', 'tree/renamed');
    await sftp.writeFile('tree/other', 'other');
    await sftp.rename('tree/other', 'tree/renamed'); // replaces, as POSIX rename does
    expect(await sftp.readFile('tree/renamed', { encoding: 'utf8' })).toBe('other');
    await sftp.symlink('renamed', 'tree/link');
    expect(await sftp.readlink('tree/link')).toBe('renamed');
    expect((await sftp.lstat('tree/link')).isSymbolicLink()).toBe(true);
    expect((await sftp.stat('tree/link')).isFile()).toBe(true);
    await sftp.link('tree/renamed', 'tree/hard');
    expect(await sftp.readFile('tree/hard', { encoding: 'utf8' })).toBe('other');
    await sftp.copy('tree/a/b/c/file', 'tree/copy');
    expect(await sftp.readFile('tree/copy', { encoding: 'utf8' })).toBe('payload');
    await expect(
      sftp.copy('tree/a/b/c/file', 'tree/copy', { overwrite: false }),
    ).rejects.toMatchObject({
      code: 'failure',
    });
    expect(await sftp.realpath('tree/a/../a/b')).toBe(join(local.directory, 'tree/a/b'));
    await sftp.lsetStat('tree/link', { atime: 100, mtime: 200 });
    expect((await sftp.lstat('tree/link')).mtimeMs).toBe(200_000);
    await sftp.chmod('tree/copy', 0o600);
    expect((await sftp.stat('tree/copy')).mode! & 0o777).toBe(0o600);
    await sftp.rm('tree', { recursive: true });
    expect(await sftp.exists('tree')).toBe(false);
    await sftp.rm('tree', { recursive: true, force: true });
    await expect(sftp.rm('tree')).rejects.toMatchObject({ code: 'no-such-file' });
  });

  it('expands ~ and answers the other extensions', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    await sftp.writeFile('~/tilde.txt', 'home');
    expect(await sftp.readFile('tilde.txt', { encoding: 'utf8' })).toBe('home');
    expect(await sftp.realpath('~')).toBe(await sftp.homeDirectory());
    expect((await sftp.statvfs('.')).maxNameLength).toBeGreaterThan(0);
    expect(await sftp.usersGroupsById([0], [0])).toEqual({ users: ['root'], groups: ['root'] });
  });

  it('handles names with spaces, newlines and non-UTF-8 bytes', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    const names: (string | Uint8Array)[] = [
      'with space',
      'new\nline',
      'tab\there',
      Uint8Array.from([0x66, 0xff, 0xfe, 0x0a]),
    ];
    for (const name of names) await sftp.writeFile(name, typeof name === 'string' ? name : 'bytes');
    const listed = await sftp.readdir('.', { encoding: 'buffer' });
    expect(listed.map((name) => Buffer.from(name).toString('hex')).sort()).toEqual(
      names.map((name) => Buffer.from(name).toString('hex')).sort(),
    );
    const entries = await sftp.readdir('.', { withFileTypes: true });
    const binary = entries.find((entry) => !entry.nameIsExact)!;
    expect(await sftp.readFile(binary.nameBytes, { encoding: 'utf8' })).toBe('bytes');
    expect(
      readdirSync(local.directory, { encoding: 'buffer' })
        .map((name) => name.toString('hex'))
        .sort(),
    ).toEqual(names.map((name) => Buffer.from(name).toString('hex')).sort());
  });

  it('lists a directory of 10,000 entries', async () => {
    await using local = await startLocalSftp();
    for (let index = 0; index < 10_000; index++)
      writeFileSync(join(local.directory, `entry-${index}`), '');
    const names = await local.sftp.readdir('.');
    expect(names.length).toBe(10_000);
    expect(new Set(names).size).toBe(10_000);
    let streamed = 0;
    for await (const _entry of local.sftp.opendir('.')) streamed++;
    expect(streamed).toBe(10_000);
  }, 120_000);

  it('streams with start/end and keeps writes ordered under backpressure', async () => {
    await using local = await startLocalSftp({ concurrency: 4 });
    const { sftp } = local;
    const data = Buffer.from(Array.from({ length: 3_000_000 }, (_, index) => index % 253));
    await pipeline(
      Readable.from([data.subarray(0, 1_000_001), data.subarray(1_000_001)]),
      sftp.createWriteStream('s.bin'),
    );
    expect(Buffer.compare(await readFile(join(local.directory, 's.bin')), data)).toBe(0);
    const chunks: Buffer[] = [];
    for await (const chunk of sftp.createReadStream('s.bin', { start: 10, end: 2_500_000 }))
      chunks.push(chunk as Buffer);
    expect(Buffer.compare(Buffer.concat(chunks), data.subarray(10, 2_500_001))).toBe(0);
    const stream = sftp.createWriteStream('s.bin', { flags: 'r+', start: 5 });
    await pipeline(Readable.from([Buffer.from('XY')]), stream);
    expect((await readFile(join(local.directory, 's.bin'))).subarray(4, 8)).toEqual(
      Buffer.from([4, 0x58, 0x59, 7]),
    );
    await expect(
      pipeline(sftp.createReadStream('missing'), async function* (source) {
        for await (const _ of source) yield _;
      }),
    ).rejects.toMatchObject({
      code: 'no-such-file',
    });
  });

  it('fastGet and fastPut round-trip with progress, leaving no temporary files', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    const data = Buffer.from(Array.from({ length: 5_000_003 }, (_, index) => (index * 31) % 256));
    const source = join(local.directory, 'local-source');
    await writeFile(source, data);
    const progress: number[] = [];
    await sftp.fastPut(source, 'remote.bin', { onProgress: (done) => progress.push(done) });
    expect(progress.at(-1)).toBe(data.byteLength);
    const target = join(local.directory, 'local-target');
    await sftp.fastGet('remote.bin', target, { concurrency: 3, blockSize: 10_000 });
    const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(hash(await readFile(target))).toBe(hash(data));
    expect(readdirSync(local.directory).sort()).toEqual([
      'local-source',
      'local-target',
      'remote.bin',
    ]);
  });

  it('an aborted fastGet leaves the destination untouched', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    await sftp.writeFile('big', Buffer.alloc(4_000_000, 1));
    const target = join(local.directory, 'target');
    await writeFile(target, 'previous');
    const controller = new AbortController();
    const transfer = sftp.fastGet('big', target, {
      blockSize: 32_768,
      concurrency: 2,
      signal: controller.signal,
      onProgress: (done) => {
        if (done > 100_000) controller.abort();
      },
    });
    await expect(transfer).rejects.toMatchObject({ code: 'aborted' });
    expect(await readFile(target, 'utf8')).toBe('previous');
    expect(readdirSync(local.directory).sort()).toEqual(['big', 'target']);
    await expect(sftp.fastGet('missing', target)).rejects.toMatchObject({ code: 'no-such-file' });
    await expect(sftp.fastPut(join(local.directory, 'nope'), 'x')).rejects.toMatchObject({
      code: 'local-io',
    });
  });

  it('runs concurrent operations on one instance', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    const files = Array.from({ length: 20 }, (_, index) => ({
      name: `c${index}`,
      data: Buffer.alloc(300_000 + index, index),
    }));
    await Promise.all(files.map(({ name, data }) => sftp.writeFile(name, data)));
    const read = await Promise.all(files.map(({ name }) => sftp.readFile(name)));
    read.forEach((data, index) => expect(Buffer.compare(data, files[index]!.data)).toBe(0));
  });

  it('rejects every pending operation when the server dies mid-transfer', async () => {
    await using local = await startLocalSftp();
    const { sftp } = local;
    await sftp.writeFile('big', Buffer.alloc(8_000_000, 1));
    const target = join(local.directory, 'target');
    const transfer = sftp.fastGet('big', target, {
      blockSize: 16_384,
      concurrency: 2,
      onProgress: (done) => {
        if (done > 50_000) local.child.kill('SIGKILL');
      },
    });
    const others = [sftp.stat('big'), sftp.readdir('.')];
    await expect(transfer).rejects.toMatchObject({ code: 'connection-lost' });
    for (const other of others)
      await other.catch((error: unknown) =>
        expect(error).toMatchObject({ code: 'connection-lost' }),
      );
    await expect(sftp.stat('big')).rejects.toMatchObject({ code: 'connection-lost' });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(local.directory)).toEqual(['big']);
  });

  it('close() makes later calls fail with closed and ends the server', async () => {
    const local = await startLocalSftp();
    await local.sftp.close();
    expect(local.child.exitCode).toBe(0);
    await expect(local.sftp.stat('.')).rejects.toMatchObject({ code: 'closed' });
    await local[Symbol.asyncDispose]();
    expect(existsSync(local.directory)).toBe(false);
  });
});
