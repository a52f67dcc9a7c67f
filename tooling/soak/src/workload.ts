// The work a soak worker does on its session, each operation checked for
// the right result: a success with the wrong bytes is a failure that no
// fault may excuse, because it is exactly the silent truncation the
// library promises never to deliver.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Session } from '@openssh-ts/session-core';
import { Sftp } from '@openssh-ts/sftp';

/** A wrong result: never explained by a fault. */
export class WrongResult extends Error {
  override readonly name = 'WrongResult';
}

/**
 * Where one soak run keeps its files: both directories are its own, so two
 * runs side by side (or a test suite beside one) never count or delete each
 * other's files.
 */
export interface ScratchPlaces {
  /** The client's side: files put and files got back. */
  readonly local: string;
  /** The server's side (the harness sshd is on this machine): files put there. */
  readonly remote: string;
}

/** One kind of operation. */
export interface Operation {
  readonly name: string;
  run(session: Session, places: ScratchPlaces): Promise<void>;
}

const echo: Operation = {
  name: 'command',
  async run(session) {
    const word = randomBytes(6).toString('hex');
    const output = await session.command('echo').arg(word).output();
    if (output.stdout.toString() !== `${word}\n`) {
      throw new WrongResult(`echo printed ${JSON.stringify(output.stdout.toString())}`);
    }
  },
};

const STREAM_BYTES = 32 << 20;

function drainedOrClosed(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

const download: Operation = {
  name: 'stream down 32 MiB',
  async run(session) {
    const child = await session
      .command('head')
      .args(['-c', String(STREAM_BYTES), '/dev/zero'])
      .stdout('pipe')
      .spawn();
    let bytes = 0;
    for await (const chunk of child.stdout!) bytes += (chunk as Buffer).byteLength;
    await child.wait();
    // Reached only on a clean end: it must be the whole stream.
    if (bytes !== STREAM_BYTES) throw new WrongResult(`stream ended cleanly after ${bytes} bytes`);
  },
};

const upload: Operation = {
  name: 'stream up 32 MiB',
  async run(session) {
    const child = await session.shell('wc -c').stdin('pipe').stdout('pipe').spawn();
    const collected = child.waitWithOutput();
    // A fault can fail the command while the loop below still writes: handled
    // here at once (so it is no unhandled rejection), awaited after the loop.
    let failed = false;
    const settled = collected.then(
      () => undefined,
      () => {
        failed = true;
      },
    );
    const chunk = Buffer.alloc(1 << 20, 0x62);
    const stdin = child.stdin!;
    for (
      let sent = 0;
      sent < STREAM_BYTES && !stdin.destroyed && !failed;
      sent += chunk.byteLength
    ) {
      if (!stdin.write(chunk)) await Promise.race([drainedOrClosed(stdin), settled]);
    }
    stdin.end();
    const output = await collected;
    if (output.stdout.toString().trim() !== String(STREAM_BYTES)) {
      throw new WrongResult(`the server counted ${output.stdout.toString().trim()} bytes`);
    }
  },
};

const FILE_BYTES = 4 << 20;

const transfer: Operation = {
  name: 'sftp put + get 4 MiB',
  async run(session, places) {
    const name = `soak-${randomBytes(6).toString('hex')}`;
    const local = join(places.local, name);
    const back = join(places.local, `${name}.back`);
    const data = randomBytes(FILE_BYTES);
    await writeFile(local, data);
    const remote = `${places.remote}/${name}`;
    const sftp = await Sftp.connect(session);
    let put = false;
    let got = false;
    try {
      await sftp.fastPut(local, remote);
      put = true;
      await sftp.fastGet(remote, back);
      got = true;
      const digest = (bytes: Uint8Array): string =>
        createHash('sha256').update(bytes).digest('hex');
      if (digest(await readFile(back)) !== digest(data)) throw new WrongResult('get != put');
      await sftp.unlink(remote);
    } catch (error) {
      if (error instanceof WrongResult) throw error;
      // A transfer cut off never leaves a file under its final name, except
      // a put whose rename went through just before the connection did:
      // that one must then be whole.
      if (!got && existsSync(back))
        throw new WrongResult(`a failed get left ${back}: ${String(error)}`);
      if (!put && existsSync(remote) && !(await readFile(remote)).equals(data)) {
        throw new WrongResult(`a failed put left a partial ${remote}: ${String(error)}`);
      }
      throw error;
    } finally {
      await sftp.close().catch(() => undefined);
    }
  },
};

/** Every operation, picked at random by the workers. */
export const OPERATIONS: readonly Operation[] = [echo, echo, echo, download, upload, transfer];
