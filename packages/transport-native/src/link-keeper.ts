import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/** A running link keeper. */
export interface LinkKeeper {
  /** Ends the keeper (when the master is being terminated anyway). */
  stop(): void;
}

/**
 * Works around an OpenSSH master bug (seen in 9.2p1): a proxy client's
 * channel open that the server refused (MaxSessions, a tunnel that cannot
 * connect) or that is still unanswered leaves a channel without a remote id
 * in the master, and when that client disconnects the master tries to close
 * it and dies (`chan_send_close2: no remote_id`, a fatal error), taking every
 * other session with it.
 *
 * So once a link has had such an open, its socket must stay open for as
 * long as the master lives. A tiny process inherits a duplicate of the
 * socket and holds it, without reading, until the master is gone (checked
 * once a second); our own descriptor can then be closed — never shut down,
 * which would end the shared socket for both — at detach or process exit.
 */
export function spawnLinkKeeper(socket: Socket, masterPid: number): LinkKeeper | undefined {
  // The descriptor number, not the Socket: given a stream, spawn() stops
  // reading it in this process, and this link must go on reading.
  const descriptor = (socket as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
  if (typeof descriptor !== 'number' || descriptor < 0) return undefined;
  try {
    const keeper = spawn(
      '/bin/sh',
      [
        '-c',
        'while kill -0 "$1" 2>/dev/null; do sleep 1; done',
        'ossh-link-keeper',
        String(masterPid),
      ],
      { stdio: [descriptor, 'ignore', 'ignore'], detached: true },
    );
    keeper.on('error', () => undefined);
    keeper.unref();
    const { pid } = keeper;
    return {
      // Once the master was told to exit there is nothing left to protect.
      stop: () => {
        if (pid !== undefined && keeper.exitCode === null) keeper.kill('SIGTERM');
      },
    };
  } catch {
    // Without a keeper the master is at risk only when this link closes.
    return undefined;
  }
}
