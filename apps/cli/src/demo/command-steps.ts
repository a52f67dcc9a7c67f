// Demo steps that run remote commands: nasty arguments, streaming output,
// exit codes and remote signals.
import type { Session } from '@openssh-ts/session-core';
import { exitCodeForStatus, isSshError } from '../exit-code.js';
import { formatDuration } from '../format-units.js';
import type { DemoPrinter } from './demo-printer.js';
import {
  echoArgumentsCommand,
  NASTY_ARGUMENTS,
  showArgument,
  splitNulTerminated,
} from './nasty-arguments.js';

/** Sends the nasty arguments and checks they come back byte for byte. */
export async function nastyArgumentsStep(
  session: Session,
  printer: DemoPrinter,
  signal: AbortSignal,
): Promise<void> {
  const [program, args] = echoArgumentsCommand(NASTY_ARGUMENTS);
  const command = session.command(program).args(args).signal(signal);
  printer.detail(`sent: ${command.toString().replaceAll('\n', '\\n').slice(0, 110)}…`);
  const { stdout } = await command.output();
  const received = splitNulTerminated(stdout);
  const intact =
    received.length === NASTY_ARGUMENTS.length &&
    received.every((value, index) => value === NASTY_ARGUMENTS[index]);
  printer.detail(`got:  ${received.map(showArgument).join(' ')}`);
  if (intact)
    printer.ok(
      `${NASTY_ARGUMENTS.length} arguments arrived intact (quotes, $(…), globs, newline, empty, UTF-8)`,
    );
  else printer.fail(`arguments were changed on the way: ${received.map(showArgument).join(' ')}`);
}

/** Prints output lines as they arrive, with the time each one came. */
export async function streamingStep(
  session: Session,
  printer: DemoPrinter,
  signal: AbortSignal,
): Promise<void> {
  const child = await session
    .shell('for i in 1 2 3 4; do echo "tick $i"; sleep 0.25; done')
    .stdout('pipe')
    .signal(signal)
    .spawn();
  const started = performance.now();
  let lines = 0;
  let pending = '';
  for await (const chunk of child.stdout ?? []) {
    pending += String(chunk);
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines += 1;
      printer.info(`+${formatDuration(performance.now() - started).padStart(7)}  ${line}`);
    }
  }
  await child.wait();
  if (lines === 4) printer.ok('each line arrived as soon as it was printed, not at the end');
  else printer.fail(`expected 4 lines, got ${lines}`);
}

/** Reports an exit code, and a remote process killed by a signal. */
export async function exitStatusStep(
  session: Session,
  printer: DemoPrinter,
  signal: AbortSignal,
): Promise<void> {
  const exited = await session.shell('exit 3').signal(signal).status();
  if (exited.code === 3)
    printer.ok(
      `sh -c 'exit 3' → exit code ${exited.code} (ossh exits ${exitCodeForStatus(exited)})`,
    );
  else printer.fail(`expected exit code 3, got ${JSON.stringify(exited)}`);

  await remoteSignalStep(session, printer, signal);

  if (!session.transport.capabilities.signals) {
    printer.info(`kill(): the ${session.transport.name} transport cannot signal a remote process`);
    return;
  }
  // Signal only once the remote command runs: a signal that reaches sshd
  // before the process exists has nothing to hit.
  const sleeper = await session
    .shell('echo ready; exec sleep 30')
    .stdout('pipe')
    .signal(signal)
    .spawn();
  for await (const chunk of sleeper.stdout ?? []) {
    if (String(chunk).includes('ready')) break;
  }
  await sleeper.kill('TERM');
  const status = await sleeper.wait();
  if (status.signal === 'TERM') {
    printer.ok(`sleep 30, then child.kill('TERM') → killed by SIG${status.signal}`);
  } else {
    printer.fail(`expected SIGTERM after kill(), got ${JSON.stringify(status)}`);
  }
}

/** A remote process that kills itself: reported as a signal where the transport can tell. */
async function remoteSignalStep(
  session: Session,
  printer: DemoPrinter,
  signal: AbortSignal,
): Promise<void> {
  // Raw, so the login shell itself is the process that gets the signal.
  const command = session.rawCommand('kill -TERM $$').signal(signal);
  try {
    const killed = await command.status();
    if (killed.signal === 'TERM') {
      printer.ok(
        `kill -TERM $$ → killed by SIG${killed.signal} (ossh exits ${exitCodeForStatus(killed)}, as a shell reports it)`,
      );
    } else {
      printer.fail(`kill -TERM $$ → ${JSON.stringify(killed)}, expected SIGTERM`);
    }
  } catch (error) {
    if (!isSshError(error) || error.kind !== 'remote-process-terminated') throw error;
    // ssh exits 255 both for a remote signal and for a lost connection.
    printer.info(
      `kill -TERM $$ → no exit status: the ${session.transport.name} transport sees only ssh's 255 (ossh exits 255)`,
    );
  }
}

/** Times `count` sequential `true` commands; resolves with ms per command. */
export async function timeCommands(
  session: Session,
  count: number,
  signal: AbortSignal,
): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    await session.command('true').signal(signal).status();
  }
  return (performance.now() - started) / count;
}
