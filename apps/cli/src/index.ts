#!/usr/bin/env node
/**
 * ossh — placeholder until the CLI issue lands. `ossh demo` is the smoke
 * check of the quick start: it starts the embedded sandbox sshd and runs one
 * command through the real ssh client.
 *
 * @packageDocumentation
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSshd } from '@openssh-ts/test-sshd';

/** Name of this package. */
export const packageName = '@openssh-ts/cli';

async function demo(): Promise<void> {
  console.log('Starting a sandbox sshd on 127.0.0.1 …');
  await using sshd = await startSshd();
  console.log(`sshd listening on ${sshd.host}:${sshd.port} (login user ${sshd.user})`);
  const { stdout } = await promisify(execFile)(
    'ssh',
    ['-F', sshd.sshConfigFile, sshd.hostAlias, 'echo', 'hello'],
    {
      timeout: 20_000,
    },
  );
  console.log(`ssh ${sshd.hostAlias} echo hello → ${stdout.trim()}`);
}

if (process.argv[2] === 'demo') {
  demo().then(
    () => console.log('Demo finished; everything cleaned up.'),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
