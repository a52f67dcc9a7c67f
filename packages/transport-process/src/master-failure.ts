import { readLogTail, SshError, stripSshNoise } from '@openssh-ts/session-core';

/**
 * The error for a master that no longer answers: `disconnected`, with what
 * the master's log says, if anything (the crate's `discover_master_error`).
 */
export async function masterFailure(
  masterLog: string | undefined,
  sshOutput: string,
): Promise<SshError> {
  const log = stripSshNoise(await readLogTail(masterLog));
  if (log !== '') {
    return new SshError('disconnected', `the connection to the master was lost: ${log}`, {
      sshOutput: log,
    });
  }
  return new SshError('disconnected', 'the connection to the master was lost', {
    sshOutput: stripSshNoise(sshOutput),
  });
}
