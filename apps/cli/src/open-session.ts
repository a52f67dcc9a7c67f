// Connecting and closing with the CLI's conventions: the transport from
// --transport, ssh's log shown with --verbose, and the session always closed
// (its ControlMaster ended) however the body ends.
import { readLogTail, Session } from '@openssh-ts/session-core';
import { connectOptions, type ConnectionFlags } from './connection-options.js';
import { sshDiagnostic } from './error-line.js';
import { loginOptions } from './login-prompting.js';
import { showTrace } from './trace-output.js';
import { createTransport } from './transport-choice.js';

/** Where a command's diagnostics go. */
export interface Diagnostics {
  /** Writes one line to stderr. */
  line(text: string): void;
}

/** What besides the flags {@link withSession} needs. */
export interface SessionRequest {
  readonly destination: string;
  readonly flags: ConnectionFlags;
  readonly diagnostics: Diagnostics;
  /** A port from a hosts-file entry; wins over -p. */
  readonly port?: number;
  readonly signal?: AbortSignal;
}

function showSshLog(diagnostics: Diagnostics, destination: string, text: string): void {
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() !== '') diagnostics.line(`ssh[${destination}]: ${line}`);
  }
}

/**
 * Connects, runs `body` with the session, and closes the session whatever
 * happens. With --verbose, the library's trace (see trace-output.ts) and ssh's
 * own log (the master's, or ssh's message when connecting failed) are copied
 * to stderr.
 */
export async function withSession<Result>(
  request: SessionRequest,
  body: (session: Session) => Promise<Result>,
): Promise<Result> {
  const { destination, flags, diagnostics } = request;
  const transport = createTransport(flags.transport);
  using _trace = flags.verbose === true ? showTrace(diagnostics) : undefined;
  if (flags.verbose === true)
    diagnostics.line(`ossh: connecting to ${destination} (transport ${transport.name})`);
  let session: Session;
  try {
    const login = await loginOptions(flags);
    session = await Session.connect(
      destination,
      connectOptions(flags, {
        transport,
        login,
        ...(request.port === undefined ? {} : { port: request.port }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      }),
    );
  } catch (error) {
    if (flags.verbose === true) showSshLog(diagnostics, destination, sshDiagnostic(error));
    throw error;
  }
  try {
    return await body(session);
  } finally {
    if (flags.verbose === true)
      showSshLog(diagnostics, destination, await readLogTail(session.masterLog));
    await session[Symbol.asyncDispose]();
  }
}
