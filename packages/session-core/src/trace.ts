/**
 * Debug tracing: what the library did, for a user asking "why".
 *
 * One trace point feeds two standard Node facilities, so nothing has to be
 * installed or configured in code:
 * - `NODE_DEBUG=openssh-ts` prints each event to stderr through
 *   `util.debuglog` (the convention Node's own modules follow);
 * - the `node:diagnostics_channel` channel `openssh-ts` publishes each event
 *   as a {@link TraceEvent} object, for programs that collect or filter
 *   events (`ossh -v` subscribes to it and prints the same lines).
 *
 * With neither enabled a trace point costs two boolean checks: messages are
 * built by a callback that only runs when someone listens, so hot paths
 * (SFTP requests, channel data) stay as they were.
 *
 * Secrets never enter an event: passwords, passphrases and askpass answers
 * travel outside the traced command lines, and {@link redactSecrets} blanks
 * anything shaped like one in the fields that are traced.
 */
import { channel } from 'node:diagnostics_channel';
import { debuglog, type DebugLogger } from 'node:util';
import { quote } from '@openssh-ts/escape';

/** The diagnostics channel name (and the `NODE_DEBUG` section) of every trace event. */
export const TRACE_CHANNEL = 'openssh-ts';

/**
 * What a trace event is about:
 * `ssh` (an ssh command line run), `mux` (a mux protocol message),
 * `channel` (an SSH channel opened or closed), `retry` (a session open
 * retried after a MaxSessions refusal), `forward` (a port forward),
 * `sftp` (an SFTP request or reply), `keepalive` and `reconnect`.
 */
export type TraceTopic =
  'ssh' | 'mux' | 'channel' | 'retry' | 'forward' | 'sftp' | 'keepalive' | 'reconnect';

/** One event published on the {@link TRACE_CHANNEL} diagnostics channel. */
export interface TraceEvent {
  /** What the event is about. */
  readonly topic: TraceTopic;
  /** One line for a human, already free of secrets. */
  readonly message: string;
}

const diagnostics = channel(TRACE_CHANNEL);
// debuglog reads NODE_DEBUG once, on first use; `enabled` says what it found.
const debug: DebugLogger = debuglog(TRACE_CHANNEL);

/** Whether anyone listens (NODE_DEBUG or a diagnostics channel subscriber). */
export function traceEnabled(): boolean {
  return diagnostics.hasSubscribers || debug.enabled;
}

/**
 * Records an event. `message` is a callback so that building the line costs
 * nothing while nobody listens.
 *
 * @example
 * ```ts
 * trace('ssh', () => `launch master: ${formatCommandLine('ssh', ['-M', 'web-1'])}`);
 * ```
 */
export function trace(topic: TraceTopic, message: () => string): void {
  if (!traceEnabled()) return;
  const event: TraceEvent = { topic, message: redactSecrets(message()) };
  if (diagnostics.hasSubscribers) diagnostics.publish(event);
  if (debug.enabled) debug('%s', formatTraceEvent(event));
}

/** The line `NODE_DEBUG=openssh-ts` and `ossh -v` print for an event: `topic: message`. */
export function formatTraceEvent(event: TraceEvent): string {
  return `${event.topic}: ${event.message}`;
}

/**
 * A command line as a user would type it, each word quoted for a POSIX
 * shell when it needs quoting, so it can be copied and run.
 */
export function formatCommandLine(program: string, argv: readonly string[]): string {
  return [program, ...argv].map(displayWord).join(' ');
}

function displayWord(word: string): string {
  try {
    return quote(word);
  } catch {
    // Words a shell cannot carry (NUL, lone surrogates) are still shown.
    return JSON.stringify(word);
  }
}

// `-o Password=…`-like settings and `name=value` pairs whose name says secret.
const SECRET_ASSIGNMENT =
  /\b([\w-]*(?:password|passphrase|passwd|secret|token|askpass[-_]?answer)[\w-]*)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi;
const PRIVATE_KEY_BLOCK =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;

/**
 * Blanks what looks like a secret in a trace line: the value of any
 * `name=value` whose name mentions a password, passphrase, token or secret,
 * and any PEM/OpenSSH private key block. A second line of defence: trace
 * points never put secrets in their messages in the first place.
 */
export function redactSecrets(line: string): string {
  return line
    .replace(PRIVATE_KEY_BLOCK, '[private key redacted]')
    .replace(SECRET_ASSIGNMENT, (match: string, name: string, separator: string) =>
      // `PasswordAuthentication=no` names a method, not a secret.
      /authentication$/i.test(name) ? match : `${name}${separator}[redacted]`,
    );
}
