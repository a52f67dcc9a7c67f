// `ossh forward <dest> -L ... -R ... -D ...`: holds port forwards open on one
// ControlMaster until Ctrl-C, like `ssh -N`.
import { lstat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, Option } from 'commander';
import type { ForwardRequest, PortForward, Session } from '@openssh-ts/session-core';
import type { CliContext } from '../cli-context.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { DEFAULT_BIND_ADDRESS, describeForward, parseForwardSpec } from '../forward-spec.js';
import { handleInterrupts } from '../interrupt.js';
import { pickFreeLocalPort } from '../local-port.js';
import { withSession } from '../open-session.js';
import { collect } from '../option-values.js';
import { reportError } from '../report-error.js';
import { UsageError } from '../usage-error.js';

/** How often the master is checked while forwards are open. */
const CHECK_INTERVAL_MS = 5000;

interface ForwardFlags extends ConnectionFlags {
  readonly local?: readonly string[];
  readonly remote?: readonly string[];
  readonly dynamic?: readonly string[];
}

/** The requests the flags ask for, in the order -L, -R, -D. */
export function forwardRequests(
  flags: Pick<ForwardFlags, 'local' | 'remote' | 'dynamic'>,
): ForwardRequest[] {
  return [
    ...(flags.local ?? []).map((spec) => parseForwardSpec('local', spec)),
    ...(flags.remote ?? []).map((spec) => parseForwardSpec('remote', spec)),
    ...(flags.dynamic ?? []).map((spec) => parseForwardSpec('dynamic', spec)),
  ];
}

/** A local listener asked on port 0 gets a concrete free port, so it can be printed. */
async function withConcretePort(request: ForwardRequest): Promise<ForwardRequest> {
  if (request.kind === 'remote' || !('port' in request.listen) || request.listen.port !== 0)
    return request;
  const host =
    request.listen.host === '' || request.listen.host === '*' ? '0.0.0.0' : request.listen.host;
  const port = await pickFreeLocalPort(host === DEFAULT_BIND_ADDRESS ? '127.0.0.1' : host);
  return { ...request, listen: { ...request.listen, port } };
}

/** ssh leaves the socket file of a local Unix listener behind; ossh made it, ossh removes it. */
async function removeLocalSocket(request: ForwardRequest): Promise<void> {
  if (request.kind === 'remote' || !('path' in request.listen)) return;
  const path = request.listen.path;
  const stats = await lstat(path).catch(() => undefined);
  if (stats?.isSocket() === true) await unlink(path).catch(() => undefined);
}

async function open(session: Session, request: ForwardRequest): Promise<PortForward> {
  return request.kind === 'dynamic'
    ? session.requestPortForward('dynamic', request.listen)
    : session.requestPortForward(request.kind, request.listen, request.connect);
}

async function holdForwards(
  context: CliContext,
  destination: string,
  flags: ForwardFlags,
): Promise<number> {
  const requests = forwardRequests(flags);
  if (requests.length === 0) {
    throw new UsageError(
      'no forward given',
      'add -L, -R or -D, e.g. ossh forward web-1 -L 8080:localhost:80',
    );
  }
  const { terminal } = context;
  using interrupts = handleInterrupts();
  const { signal } = interrupts;
  await withSession({ destination, flags, diagnostics: terminal, signal }, async (session) => {
    const opened: PortForward[] = [];
    try {
      for (const request of requests) {
        const forward = await open(session, await withConcretePort(request));
        opened.push(forward);
        const allocated =
          forward.allocatedPort === undefined ? '' : ` (allocated port ${forward.allocatedPort})`;
        terminal.stdout.write(`forwarding ${describeForward(forward.request)}${allocated}\n`);
      }
      terminal.line('ossh: forwards are open; press Ctrl-C to close them');
      while (!signal.aborted) {
        await sleep(CHECK_INTERVAL_MS, undefined, { signal }).catch(() => undefined);
        if (!signal.aborted) await session.check();
      }
    } finally {
      for (const forward of opened.reverse()) {
        await session.closePortForward(forward).catch(() => undefined);
        await removeLocalSocket(forward.request);
      }
    }
  });
  terminal.line('ossh: forwards closed');
  return 0;
}

/** Registers `forward`. */
export function forwardCommand(context: CliContext): Command {
  const command = new Command('forward')
    .description('hold port forwards open until Ctrl-C (like ssh -N)')
    .argument('<destination>', 'host, user@host, ssh://user@host:port or [ipv6]')
    .addOption(
      new Option(
        '-L, --local <spec>',
        '[bind:]port:host:hostport, [bind:]port:/socket, /socket:host:hostport, /socket:/socket (repeatable)',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '-R, --remote <spec>',
        'same forms, listening on the server (port 0: the server picks one)',
      ).argParser(collect),
    )
    .addOption(
      new Option('-D, --dynamic <spec>', '[bind:]port: a SOCKS proxy here (repeatable)').argParser(
        collect,
      ),
    );
  return addConnectionOptions(command)
    .addHelpText(
      'after',
      `
Forward specs follow ssh's syntax: IPv6 addresses in brackets ([::1]:8080),
Unix socket paths anywhere a port may be. Without a bind address, listeners
bind to localhost. A port of 0 is replaced by a free port, which is printed.
Ctrl-C closes the forwards and the connection (exit 0); a lost connection
exits 255.

Examples:
  $ ossh forward db-1 -L 5432:localhost:5432
  $ ossh forward web-1 -L 0:localhost:80          # prints the port it picked
  $ ossh forward web-1 -R 0:localhost:3000        # prints the server's port
  $ ossh forward web-1 -L /tmp/docker.sock:/var/run/docker.sock
  $ ossh forward bastion -D 1080 -L '[::1]:8443:intranet:443'`,
    )
    .action(async (destination: string, flags: ForwardFlags) => {
      try {
        context.exitCode = await holdForwards(context, destination, flags);
      } catch (error) {
        context.exitCode = reportError(error, { action: 'forward', destination }, (line) =>
          context.terminal.line(line),
        );
      }
    });
}
