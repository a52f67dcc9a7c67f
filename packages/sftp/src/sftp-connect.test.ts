// Sftp.connect's wiring to a session, with a fake session whose `sftp`
// subsystem is a local OpenSSH sftp-server process.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SFTP_SERVER } from '../test/local-sftp-server.js';
import { Sftp } from './sftp.js';
import type { SftpChild, SftpCommand, SftpSession } from './sftp-session.js';

function fakeSession(directory: string) {
  const requested: string[] = [];
  const children: ReturnType<typeof spawn>[] = [];
  const session: SftpSession = {
    subsystem(name) {
      requested.push(name);
      const command: SftpCommand = {
        stdin: () => command,
        stdout: () => command,
        stderr: () => command,
        spawn: () => {
          const child = spawn(SFTP_SERVER, [], {
            cwd: directory,
            stdio: ['pipe', 'pipe', 'ignore'],
          });
          children.push(child);
          const exited = new Promise((resolve) => child.once('exit', resolve));
          const remote: SftpChild = {
            stdin: child.stdin,
            stdout: child.stdout,
            wait: () => exited,
            disconnect: () => child.kill('SIGKILL'),
          };
          return Promise.resolve(remote);
        },
      };
      return command;
    },
  };
  return { session, requested, children };
}

describe('Sftp.connect', () => {
  it('opens the sftp subsystem and reaps it on close', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ossh-sftp-connect-'));
    try {
      const fake = fakeSession(directory);
      const sftp = await Sftp.connect(fake.session);
      expect(fake.requested).toEqual(['sftp']);
      await sftp.writeFile('x', 'y');
      await sftp.close();
      expect(fake.children[0]!.exitCode).toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('fails pending and later operations when the subsystem ends', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ossh-sftp-connect-'));
    try {
      const fake = fakeSession(directory);
      await using sftp = await Sftp.connect(fake.session);
      await sftp.writeFile('big', Buffer.alloc(2_000_000));
      const pending = sftp.readFile('big');
      fake.children[0]!.kill('SIGKILL');
      await expect(pending).rejects.toMatchObject({ code: 'connection-lost' });
      await expect(sftp.stat('big')).rejects.toMatchObject({ code: 'connection-lost' });
      expect(sftp.closed).toBe(true);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('turns a session that cannot open the subsystem into a typed error with the cause', async () => {
    const cause = new Error('the session is closed');
    const broken: SftpSession = {
      subsystem: () => {
        throw cause;
      },
    };
    await expect(Sftp.connect(broken)).rejects.toMatchObject({ code: 'connection-lost', cause });
  });
});
