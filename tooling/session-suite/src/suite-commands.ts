// The crate's tests/openssh.rs, command behaviour: stdout, stderr, stdin,
// shell, escaping, bad remote command, spawn and wait, over_ssh.
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type Session, SshError } from '@openssh-ts/session-core';
import { QUOTING_CASES } from './quoting-cases.js';
import type { SuiteContext } from './suite-context.js';

/** `echo foo > /dev/stderr`, the redirect left to the remote shell. */
function echoFooToStderr(session: Session) {
  return session.command('echo').arg('foo').rawArg('>').arg('/dev/stderr').output();
}

/** Registers the command tests. */
export function commandTests(context: SuiteContext): void {
  describe('commands', () => {
    it('stdout: output() collects what the command prints', async () => {
      await using session = await context.connect();
      const echoed = await session.command('echo').arg('foo').output();
      expect(echoed.stdout.toString()).toBe('foo\n');
      expect(echoed.status.success).toBe(true);
      const redirected = await echoFooToStderr(session);
      expect(redirected.stdout.length).toBe(0);
    });

    it('stderr: is collected apart from stdout, without anything of ssh in it', async () => {
      await using session = await context.connect();
      expect((await session.command('echo').arg('foo').output()).stderr.length).toBe(0);
      const redirected = await echoFooToStderr(session);
      expect(redirected.stderr.toString()).toBe('foo\n');
    });

    it('stdin: a piped stdin reaches cat and EOF ends it', async () => {
      await using session = await context.connect();
      const child = await session.command('cat').stdin('pipe').stdout('pipe').spawn();
      child.stdin?.end('hello world');
      let text = '';
      for await (const chunk of child.stdout ?? []) text += String(chunk);
      expect(text).toBe('hello world');
      expect((await child.wait()).success).toBe(true);
    });

    it('stdio streams: stdin read from a Readable, stdout and stderr written into Writables (not ended)', async () => {
      await using session = await context.connect();
      const collected: Buffer[] = [];
      const errors: Buffer[] = [];
      const sink = (into: Buffer[]): Writable =>
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            into.push(chunk);
            callback();
          },
        });
      const stdout = sink(collected);
      const status = await session
        .shell('cat; echo done >&2')
        .stdin(Readable.from([Buffer.from('from a '), Buffer.from('stream')]))
        .stdout(stdout)
        .stderr(sink(errors))
        .status();
      expect(status.success).toBe(true);
      expect(Buffer.concat(collected).toString()).toBe('from a stream');
      expect(Buffer.concat(errors).toString()).toBe('done\n');
      expect(stdout.writableEnded).toBe(false);
    });

    for (const quoting of QUOTING_CASES) {
      it(quoting.name, async () => {
        await using session = await context.connect();
        await quoting.run(session, context.sshd());
      });
    }

    it('bad remote command: 127 is remote/not-found from output, status, spawn+wait and waitWithOutput', async () => {
      await using session = await context.connect();
      const notFound = { kind: 'remote', reason: 'not-found' };
      await expect(session.command('no such program').output()).rejects.toMatchObject(notFound);
      await expect(session.command('no such program').status()).rejects.toMatchObject(notFound);
      await expect((await session.command('no such program').spawn()).wait()).rejects.toMatchObject(
        notFound,
      );
      const failed = await (
        await session.command('no such program').stderr('pipe').spawn()
      )
        .waitWithOutput()
        .catch((error: unknown) => error);
      expect(failed).toMatchObject(notFound);
      expect(SshError.isInstance(failed) && failed.command?.includes('no such program')).toBe(true);
      expect(SshError.isInstance(failed) && (failed.stderr?.length ?? 0) > 0).toBe(true);
    });

    it('spawn and wait: two sleeping children run side by side; the child knows its session', async () => {
      await using session = await context.connect();
      const first = await session.command('sleep').arg('1').spawn();
      const second = await first.session.command('sleep').arg('2').spawn();
      expect(first.session).toBe(session);
      expect((await first.waitWithOutput()).status.success).toBe(true);
      expect((await second.waitWithOutput()).status.success).toBe(true);
    });

    it('exit codes other than 0 and 127 are statuses, not errors', async () => {
      await using session = await context.connect();
      const status = await session.shell('exit 3').status();
      expect(status).toMatchObject({ code: 3, signal: null, success: false });
    });
  });
}
