// The quoting cases of the session suite: each sends arguments, env values
// or a working directory through the remote login shell and checks that
// they arrive byte for byte. Shared by the commands part (the harness
// sshd, a /bin/sh login shell) and the login-shell part (every shell the
// session quotes for), so every case is proven under every shell.
import { expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { overSsh, type Session } from '@openssh-ts/session-core';
import type { SshdInfo } from '@openssh-ts/test-sshd';

/** One quoting case: a name for the test and what it checks on a session to `sshd`. */
export interface QuotingCase {
  readonly name: string;
  run(session: Session, sshd: SshdInfo): Promise<void>;
}

/** Every quoting case of the suite. */
export const QUOTING_CASES: readonly QuotingCase[] = [
  {
    name: 'shell: runs sh -c with variables, quoting and pipes',
    async run(session, sshd) {
      expect((await session.shell('echo $USER').output()).stdout.toString()).toBe(`${sshd.user}\n`);
      expect((await session.shell('touch "$USER Documents"').status()).success).toBe(true);
      expect((await session.shell(`rm ${sshd.user}\\ Documents`).output()).status.success).toBe(
        true,
      );
      expect((await session.shell('echo \\$SHELL').output()).stdout.toString()).toBe('$SHELL\n');
      expect((await session.shell(`echo $USER | grep -c ${sshd.user}`).status()).success).toBe(
        true,
      );
    },
  },
  {
    name: 'escaping: printf gets "%d %d" as one argument whatever way the arguments are given',
    async run(session) {
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
    },
  },
  {
    name: 'escaping: every byte of an argument arrives as given, a NUL is refused',
    async run(session) {
      const awkward = `it's "quoted" $HOME \`x\` \\ ; | & * ? [a] ~ # é 😀 \t\n end`;
      const bytes = Uint8Array.from([0x66, 0xff, 0xfe, 0x80, 0x27, 0x0a, 0x62]);
      const output = await session.command('printf').arg('%s|%s').arg(awkward).arg(bytes).output();
      expect(output.stdout).toEqual(
        Buffer.concat([Buffer.from(`${awkward}|`), Buffer.from(bytes)]),
      );
      await expect(session.command('echo').arg('a\0b').output()).rejects.toMatchObject({
        kind: 'invalid-command',
      });
    },
  },
  {
    name: 'over_ssh: a local command description runs remotely, arguments escaped',
    async run(session) {
      const simple = await overSsh({ program: 'echo', args: ['foo'] }, session).output();
      expect(simple.stdout.toString()).toBe('foo\n');
      const tricky = `"'' foo ''"`;
      expect(
        (await overSsh({ program: 'echo', args: [tricky] }, session).output()).stdout.toString(),
      ).toBe(`${tricky}\n`);
    },
  },
  {
    name: 'over_ssh: env and cwd are carried across, or refused with command-has-env / command-has-cwd',
    async run(session) {
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
    },
  },
  {
    name: 'env and cwd: built into the command line, a failing cd fails the command',
    async run(session) {
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
    },
  },
  {
    name: 'env and cwd: awkward values and a directory whose name needs quoting arrive byte for byte',
    async run(session) {
      const awkward = `it's "q" $HOME \`x\` \\ ; | & * ? [a] ~ # é 😀 \t\n end`;
      const bytes = Uint8Array.from([0x66, 0xff, 0xfe, 0x80, 0x27, 0x0a, 0x62]);
      const directory = `/tmp/ossh q'd "${randomBytes(4).toString('hex')}" $x`;
      expect((await session.command('mkdir').arg(directory).status()).success).toBe(true);
      try {
        const output = await session
          .command('sh')
          .args(['-c', 'printf "%s|%s|%s" "$A" "$B" "$(pwd)"'])
          .env('A', awkward)
          .env('B', bytes)
          .cwd(directory)
          .output();
        expect(output.stdout).toEqual(
          Buffer.concat([
            Buffer.from(`${awkward}|`),
            Buffer.from(bytes),
            Buffer.from(`|${directory}`),
          ]),
        );
      } finally {
        await session.command('rmdir').arg(directory).status();
      }
    },
  },
];
