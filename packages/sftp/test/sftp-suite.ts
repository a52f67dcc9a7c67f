// The SFTP integration suite, run once per transport: every operation and
// error mapping, weird names, a 10,000-entry directory, 1 GiB with checksum,
// concurrent transfers and the connection (its ControlMaster) killed mid-transfer, all
// through the harness sshd's internal-sftp.
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransportFactory } from '@openssh-ts/session-core';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { describe, expect, it } from 'vitest';
import { Sftp, SftpError } from '../src/index.js';
import { suiteContext, type SuiteOptions } from '@openssh-ts/session-suite';
import { sftpLinkFaultTests } from './sftp-link-faults.js';
import { sftpParallelTests } from './sftp-parallel.js';

const GIBIBYTE = 1024 * 1024 * 1024;

/** A remote scratch directory (the server is this machine), removed afterwards. */
async function remoteScratch(
  sftp: Sftp,
  parent: string,
): Promise<{ path: string } & AsyncDisposable> {
  const path = `${parent}/ossh-sftp-remote-${randomBytes(6).toString('hex')}`;
  await sftp.mkdir(path);
  return {
    path,
    [Symbol.asyncDispose]() {
      rmSync(path, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Registers the suite for one transport. */
export function defineSftpSuite(
  name: string,
  transport: TransportFactory,
  options: SuiteOptions = {},
): void {
  describe(`sftp over ${name}`, () => {
    const context = suiteContext(transport, options);

    it('connects through the session and performs every operation', async () => {
      await using session = await context.connect();
      await using sftp = await Sftp.connect(session);
      await using remote = await remoteScratch(sftp, '/dev/shm');
      const scratch = remote.path;
      expect(await sftp.realpath('~')).toBe(harnessSshd().userHome);
      expect(await sftp.realpath('.')).toBe(harnessSshd().userHome);
      expect(sftp.limits?.maxWriteLength).toBeGreaterThan(32_768);
      const file = `${scratch}/file.txt`;
      await sftp.writeFile(file, 'hello');
      await sftp.appendFile(file, '!');
      expect(await sftp.readFile(file, { encoding: 'utf8' })).toBe('hello!');
      {
        await using handle = await sftp.open(file, 'r+');
        await handle.write(Buffer.from('J'), 0, 1, 0);
        const target = Buffer.alloc(6);
        await handle.read(target, 0, 6, 0);
        expect(target.toString()).toBe('Jello!');
        expect((await handle.stat()).size).toBe(6);
        await handle.truncate(4);
        await handle.sync();
        await handle.setStat({ permissions: 0o604 });
        expect((await handle.statvfs()).maxNameLength).toBeGreaterThan(0);
      }
      expect((await sftp.stat(file)).mode! & 0o777).toBe(0o604);
      await sftp.chmod(file, 0o640);
      await sftp.utimes(file, 1_000, 2_000);
      const stats = await sftp.lstat(file);
      expect([stats.mode! & 0o777, stats.size, stats.mtimeMs, stats.atimeMs]).toEqual([
        0o640, 4, 2_000_000, 1_000_000,
      ]);
      await sftp.chown(file, stats.uid!, stats.gid!);
      await sftp.mkdir(`${scratch}/a/b/c`, { recursive: true });
      await sftp.rename(file, `${scratch}/a/moved`);
      await sftp.symlink('moved', `${scratch}/a/link`);
      expect(await sftp.readlink(`${scratch}/a/link`)).toBe('moved');
      await sftp.lsetStat(`${scratch}/a/link`, { atime: 5, mtime: 6 });
      await sftp.link(`${scratch}/a/moved`, `${scratch}/a/hard`);
      await sftp.copy(`${scratch}/a/moved`, `${scratch}/a/copy`);
      expect(await sftp.readFile(`${scratch}/a/copy`, { encoding: 'utf8' })).toBe('Jell');
      expect((await sftp.readdir(`${scratch}/a`)).sort()).toEqual([
        'b',
        'copy',
        'hard',
        'link',
        'moved',
      ]);
      await sftp.rmdir(`${scratch}/a/b/c`);
      await sftp.unlink(`${scratch}/a/hard`);
      await sftp.rm(`${scratch}/a`, { recursive: true });
      expect(await sftp.readdir(scratch)).toEqual([]);
      expect((await sftp.statvfs(scratch)).blockSize).toBeGreaterThan(0);
      const { users } = await sftp.usersGroupsById([stats.uid!], []);
      expect(users).toEqual([harnessSshd().user]);
      await sftp.writeFile('~/ossh-sftp-tilde', 'tilde');
      expect(existsSync(join(harnessSshd().userHome, 'ossh-sftp-tilde'))).toBe(true);
      await sftp.unlink('~/ossh-sftp-tilde');
    });

    it('maps server errors to typed errors with path and message', async () => {
      await using session = await context.connect();
      await using sftp = await Sftp.connect(session);
      await using remote = await remoteScratch(sftp, '/dev/shm');
      const scratch = remote.path;
      await expect(sftp.stat(`${scratch}/missing`)).rejects.toMatchObject({
        code: 'no-such-file',
        path: `${scratch}/missing`,
        serverMessage: expect.stringMatching(/no such file/i) as unknown,
      });
      await expect(sftp.mkdir(scratch)).rejects.toMatchObject({
        code: 'failure',
        operation: 'mkdir',
      });
      if (harnessSshd().user !== 'root') {
        await expect(sftp.readFile('/etc/shadow')).rejects.toMatchObject({
          code: 'permission-denied',
        });
        await expect(sftp.writeFile('/ossh-sftp-denied', 'x')).rejects.toMatchObject({
          code: 'permission-denied',
        });
      }
      await expect(sftp.rmdir(`${scratch}/missing`)).rejects.toMatchObject({
        code: 'no-such-file',
      });
      await expect(sftp.stat(`${scratch}/${'n'.repeat(300)}`)).rejects.toMatchObject({
        code: 'bad-message',
      });
      const error = await sftp.open(`${scratch}/missing`, 'r').catch((caught: unknown) => caught);
      expect(SftpError.isInstance(error) && error.kind).toBe('sftp');
    });

    it('handles names with spaces, newlines and non-UTF-8 bytes', async () => {
      await using session = await context.connect();
      await using sftp = await Sftp.connect(session);
      await using remote = await remoteScratch(sftp, '/dev/shm');
      const scratch = remote.path;
      const names = [
        'a b  c',
        'line\nbreak',
        '*?[x]$(y)',
        'ünï',
        Buffer.from([0x62, 0xff, 0x0a, 0xc3]),
      ];
      for (const [index, name] of names.entries()) {
        const path = Buffer.concat([Buffer.from(`${scratch}/`), Buffer.from(name)]);
        await sftp.writeFile(path, `content ${index}`);
        expect(await sftp.readFile(path, { encoding: 'utf8' })).toBe(`content ${index}`);
      }
      const listed = await sftp.readdir(scratch, { encoding: 'buffer' });
      expect(listed.map((name) => Buffer.from(name).toString('hex')).sort()).toEqual(
        names.map((name) => Buffer.from(name).toString('hex')).sort(),
      );
      expect(readdirSync(scratch, { encoding: 'buffer' }).length).toBe(names.length);
    });

    it('lists a directory of 10,000 entries', async () => {
      await using session = await context.connect();
      await using sftp = await Sftp.connect(session);
      await using remote = await remoteScratch(sftp, '/dev/shm');
      const scratch = remote.path;
      for (let index = 0; index < 10_000; index++) writeFileSync(join(scratch, `f${index}`), '');
      const names = await sftp.readdir(scratch);
      expect(new Set(names).size).toBe(10_000);
      await sftp.rm(scratch, { recursive: true });
      expect(existsSync(scratch)).toBe(false);
    });

    it('round-trips 1 GiB with a matching checksum', async () => {
      await using session = await context.connect();
      await using sftp = await Sftp.connect(session);
      await using remote = await remoteScratch(sftp, '/tmp');
      const scratch = remote.path;
      const block = randomBytes(1024 * 1024);
      const sent = createHash('sha256');
      function* generate(): Generator<Buffer> {
        for (let index = 0; index < GIBIBYTE / block.byteLength; index++) {
          block[0] = index & 0xff;
          block[1] = index >> 8;
          sent.update(block);
          yield Buffer.from(block);
        }
      }
      await pipeline(Readable.from(generate()), sftp.createWriteStream(`${scratch}/big`));
      expect((await sftp.stat(`${scratch}/big`)).size).toBe(GIBIBYTE);
      const local = join(context.directory(), 'big');
      let progress = 0;
      await sftp.fastGet(`${scratch}/big`, local, { onProgress: (done) => (progress = done) });
      expect(progress).toBe(GIBIBYTE);
      expect(await sha256File(local)).toBe(sent.digest('hex'));
      rmSync(local);
    }, 600_000);

    it('runs concurrent transfers on one session', async () => {
      await using session = await context.connect();
      await using first = await Sftp.connect(session);
      await using second = await Sftp.connect(session);
      await using remote = await remoteScratch(first, '/dev/shm');
      const scratch = remote.path;
      const localDirectory = join(context.directory(), 'concurrent');
      mkdirSync(localDirectory);
      const files = Array.from({ length: 6 }, (_, index) => ({
        index,
        data: randomBytes(2_000_000 + index),
      }));
      await Promise.all(
        files.map(({ index, data }) => writeFile(join(localDirectory, `up${index}`), data)),
      );
      await Promise.all(
        files.map(({ index }) =>
          (index % 2 ? first : second).fastPut(
            join(localDirectory, `up${index}`),
            `${scratch}/r${index}`,
            {
              concurrency: 8,
            },
          ),
        ),
      );
      await Promise.all(
        files.map(({ index }) =>
          (index % 2 ? second : first).fastGet(
            `${scratch}/r${index}`,
            join(localDirectory, `down${index}`),
          ),
        ),
      );
      for (const { index, data } of files) {
        expect(sha256(await readFile(join(localDirectory, `down${index}`)))).toBe(sha256(data));
      }
    });

    it('rejects every pending operation when the connection is killed mid-transfer', async () => {
      const session = await context.connect();
      const sftp = await Sftp.connect(session);
      await using remote = await remoteScratch(sftp, '/dev/shm');
      const scratch = remote.path;
      await pipeline(
        Readable.from(
          (function* () {
            for (let index = 0; index < 64; index++) yield Buffer.alloc(1024 * 1024, index);
          })(),
        ),
        sftp.createWriteStream(`${scratch}/big`),
      );
      const target = join(context.directory(), 'target');
      const masters = await context.connectionCarriers(session);
      expect(masters.length).toBe(1);
      expect(masters[0]).toBeGreaterThan(1);
      let killed = false;
      const transfer = sftp.fastGet(`${scratch}/big`, target, {
        concurrency: 4,
        blockSize: 32_768,
        onProgress: (done) => {
          if (done > 1_000_000 && !killed) {
            killed = true;
            for (const pid of masters) process.kill(pid, 'SIGKILL');
          }
        },
      });
      const others = [sftp.stat(`${scratch}/big`), sftp.readdir(scratch)];
      await expect(transfer).rejects.toMatchObject({ code: 'connection-lost' });
      for (const other of others) {
        await other.then(
          () => undefined,
          (error: unknown) => expect(error).toMatchObject({ code: 'connection-lost' }),
        );
      }
      await expect(sftp.stat(scratch)).rejects.toBeInstanceOf(SftpError);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(context.directory()).filter((entry) => entry.includes('partial'))).toEqual(
        [],
      );
      await sftp.close();
      await session.close().catch(() => undefined);
    });

    sftpLinkFaultTests(context);
    sftpParallelTests(context);
  });
}
