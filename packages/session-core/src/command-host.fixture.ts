// Test fixtures: a transport child without stdio whose exit is given, and a
// Command on a host that starts it, for unit tests of Command and RemoteChild.
import { Command, type CommandHost } from './command.js';
import type { Session } from './session.js';
import type { TransportChild, TransportExit } from './transport.js';

/** A child with null stdio that exits with `exit` (never, if omitted). */
export function childExitingWith(
  exit: Promise<TransportExit> = new Promise(() => undefined),
): TransportChild {
  return {
    stdin: null,
    stdout: null,
    stderr: null,
    wait: () => exit,
    kill: () => Promise.resolve(),
    disconnect: () => undefined,
  };
}

/** A `command(program)` whose start hands back `child`; the login shell is POSIX sh. */
export function commandOn(child: TransportChild, program = 'top'): Command {
  const host: CommandHost = {
    session: {} as Session,
    start: () => Promise.resolve({ child, canSignal: true }),
    utf8Only: () => false,
    remoteShell: () => Promise.resolve('posix'),
    knownRemoteShell: () => 'posix',
    remoteShellPending: () => false,
  };
  return new Command(host, { kind: 'exec', parts: [{ raw: false, value: program }] });
}
