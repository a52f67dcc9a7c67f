import { Sftp } from '@openssh-ts/sftp';
import type { CliContext } from './cli-context.js';
import type { ConnectionFlags } from './connection-options.js';
import { handleInterrupts } from './interrupt.js';
import { withSession } from './open-session.js';
import type { RemotePath } from './remote-path.js';

/**
 * Connects to `remote.destination`, opens SFTP on it and runs `body`; Ctrl-C
 * aborts the signal `body` gets. SFTP, then the session, are closed after
 * `body` has settled, whatever happened.
 */
export async function withSftp<Result>(
  context: CliContext,
  remote: RemotePath,
  flags: ConnectionFlags,
  body: (sftp: Sftp, signal: AbortSignal) => Promise<Result>,
): Promise<Result> {
  using interrupts = handleInterrupts();
  const { signal } = interrupts;
  // `return await`: the interrupt handlers must stay installed until the
  // session is done, not be disposed as soon as the promise is returned.
  return await withSession(
    { destination: remote.destination, flags, diagnostics: context.terminal, signal },
    async (session) => {
      await using sftp = await Sftp.connect(session);
      return await body(sftp, signal);
    },
  );
}
