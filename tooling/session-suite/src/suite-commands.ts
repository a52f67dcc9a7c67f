// The crate's tests/openssh.rs, command behaviour: stdout, stderr, stdin,
// shell, escaping, bad remote command, spawn and wait, over_ssh.
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { overSsh, type Session, SshError } from '@openssh-ts/session-core';
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

    it('shell: runs sh -c with variables, quoting and pipes', async () => {
      const sshd = context.sshd();
      await using session = await context.connect();
      expect((await session.shell('echo $USER').output()).stdout.toString()).toBe(`${sshd.user}\n`);
      expect((await session.shell('touch "$USER Documents"').status()).success).toBe(true);
      expect((await session.shell(`rm ${sshd.user}\\ Documents`).output()).status.success).toBe(
        true,
      );
      expect((await session.shell('echo \\$SHELL').output()).stdout.toString()).toBe('$SHELL\n');
      expect((await session.shell(`echo $USER | grep -c ${sshd.user}`).status()).success).toBe(
        true,
      );
    });

    it('escaping: printf gets "%d %d" as one argument whatever way the arguments are given', async () => {
      await using session = await context.connect();
      const runs = [
        session.command('printf').arg('%d %d').arg('1').arg('2'),
        session.command('printf').args(['%d %d', '1', '2']),
        session.command('printf').arg('%d %d').rawArg('1 2'),
        session.command('printf').arg('%d %d').rawArgs(['1 2']),
        session.rawCommand("printf '%d %d'").arg('1').arg('2'),
      ];
      for (const command of runs) {
        const output = await command.output();
        expect(output.status.success).toBe(true);
        expect(output.stdout.toString()).toBe('1 2');
      }
    });

    it('escaping: every byte of an argument arrives as given, a NUL is refused', async () => {
      await using session = await context.connect();
      const awkward = `it's "quoted" $HOME \`x\` \\ ; | & * ? [a] ~ # é 😀 \t\n end`;
      const bytes = Uint8Array.from([0x66, 0xff, 0xfe, 0x80, 0x27, 0x0a, 0x62]);
      const output = await session.command('printf').arg('%s|%s').arg(awkward).arg(bytes).output();
      expect(output.stdout).toEqual(
        Buffer.concat([Buffer.from(`${awkward}|`), Buffer.from(bytes)]),
      );
      await expect(session.command('echo').arg('a\0b').output()).rejects.toMatchObject({
        kind: 'invalid-command',
      });
    });

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

    it('over_ssh: a local command description runs remotely, arguments escaped', async () => {
      await using session = await context.connect();
      const simple = await overSsh({ program: 'echo', args: ['foo'] }, session).output();
      expect(simple.stdout.toString()).toBe('foo\n');
      const tricky = `"'' foo ''"`;
      expect(
        (await overSsh({ program: 'echo', args: [tricky] }, session).output()).stdout.toString(),
      ).toBe(`${tricky}\n`);
    });

    it('over_ssh: env and cwd are carried across, or refused with command-has-env / command-has-cwd', async () => {
      await using session = await context.connect();
      const carried = await overSsh(
        {
          program: 'sh',
          args: ['-c', 'printf "%s %s" "$MY_ENV_VAR" "$PWD"'],
          env: { MY_ENV_VAR: 'foo bar' },
          cwd: '/tmp',
        },
        session,
      ).output();
      expect(carried.stdout.toString()).toBe('foo bar /tmp');
      expect(() =>
        overSsh(
          { program: 'printenv', args: ['MY_ENV_VAR'], env: { MY_ENV_VAR: 'foo' } },
          session,
          { carryEnv: false },
        ),
      ).toThrow(expect.objectContaining({ kind: 'command-has-env' }) as Error);
      expect(() => overSsh({ program: 'echo', cwd: '/tmp' }, session, { carryCwd: false })).toThrow(
        expect.objectContaining({ kind: 'command-has-cwd' }) as Error,
      );
      expect(() => overSsh({ program: 'echo', env: { 'BAD-NAME': 'x' } }, session)).toThrow(
        expect.objectContaining({ kind: 'command-has-env' }) as Error,
      );
    });

    it('env and cwd: built into the command line, a failing cd fails the command', async () => {
      await using session = await context.connect();
      const output = await session
        .command('sh')
        .args(['-c', 'printf "%s|%s|%s" "$A" "$B" "$(pwd)"'])
        .env('A', "it's $HOME")
        .env('B', '')
        .cwd('/tmp')
        .output();
      expect(output.stdout.toString()).toBe("it's $HOME||/tmp");
      const missing = await session.command('echo').arg('ran').cwd('/nonexistent-ossh').output();
      expect(missing.status.success).toBe(false);
      expect(missing.stdout.length).toBe(0);
      expect(() => session.command('true').env('1BAD', 'x')).toThrow(
        expect.objectContaining({ kind: 'invalid-command' }) as Error,
      );
      const shell = await session
        .shell('echo "$GREETING from $(pwd)"')
        .env('GREETING', 'hi')
        .cwd('/')
        .output();
      expect(shell.stdout.toString()).toBe('hi from /\n');
    });
  });
}
