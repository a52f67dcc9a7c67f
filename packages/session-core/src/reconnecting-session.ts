// Sessions that come back: a wrapper that keeps one live Session for new
// work and connects again, with bounded attempts and backoff, once the
// current one is lost. It is a wrapper rather than a Session option on
// purpose: a Session is one connection (its controlSocket, masterLog,
// detach/resume and every RemoteChild's `session` name that connection),
// and work pending on a lost connection must still fail as it does — only
// new work may go to a new connection. Swapping the connection under a
// Session would make those facts lie; handing out a fresh Session does not.
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectOptions } from './connect-options.js';
import { Session } from './session.js';
import { SshError } from './ssh-error.js';
import { trace } from './trace.js';

/** How a {@link ReconnectingSession} connects again. */
export interface ReconnectOptions {
  /** Connection attempts after a loss before giving up (default 3). */
  readonly attempts?: number;
  /** Wait before the first attempt, doubled after each failure (default 500 ms). */
  readonly initialDelayMs?: number;
  /** Longest wait between attempts (default 10 s). */
  readonly maxDelayMs?: number;
  /** Stops reconnecting (and a pending `session()` rejects with its reason). */
  readonly signal?: AbortSignal;
}

/** The events of a {@link ReconnectingSession}, with their arguments. */
export interface ReconnectingSessionEvents {
  /** The current connection was lost (the error that showed it). */
  lost: [error: unknown];
  /** An attempt is about to be made after `delayMs` (attempts count from 1). */
  reconnecting: [attempt: number, delayMs: number];
  /** An attempt failed. */
  'attempt-failed': [attempt: number, error: unknown];
  /** A new connection is up. */
  reconnected: [attempt: number];
  /** Every attempt failed, or reconnecting was aborted: `session()` rejects with `error`. */
  'gave-up': [error: unknown];
}

/** The one line of an error a trace shows (its message, never its details or cause). */
function failureText(error: unknown): string {
  const text = SshError.isInstance(error)
    ? `${error.kind}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);
  // ssh's stderr can span lines; a trace event is one line.
  return text.replace(/\s*\n\s*/g, '; ');
}

/** Whether `error` says the connection is gone (SshError `disconnected`, SftpError `connection-lost`). */
export function isConnectionLoss(error: unknown): boolean {
  if (SshError.isInstance(error)) return error.kind === 'disconnected';
  const code = (error as { code?: unknown } | null)?.code;
  return (error as { kind?: unknown } | null)?.kind === 'sftp' && code === 'connection-lost';
}

function positiveOption(value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen < 0)
    throw new SshError('invalid-command', `${name} must be a non-negative number, got ${chosen}`);
  return chosen;
}

/**
 * One live {@link Session} to a destination at a time. Work runs through
 * {@link run} (or on {@link session}'s result); when it fails with a lost
 * connection, that failure is passed on unchanged — nothing is retried —
 * and the next `run()` / `session()` first connects again (`attempts`
 * times, waiting `initialDelayMs`, doubled up to `maxDelayMs`, between
 * them). Events say what happened: `lost`, `reconnecting`,
 * `attempt-failed`, `reconnected`, `gave-up`.
 */
export class ReconnectingSession
  extends EventEmitter<ReconnectingSessionEvents>
  implements AsyncDisposable
{
  #current: Session | undefined;
  #connecting: Promise<Session> | undefined;
  #closed = false;
  readonly #attempts: number;
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;

  private constructor(
    private readonly destination: string,
    private readonly options: ConnectOptions,
    private readonly reconnect: ReconnectOptions,
    first: Session,
  ) {
    super();
    this.#current = first;
    this.#attempts = positiveOption(reconnect.attempts, 3, 'attempts');
    this.#initialDelayMs = positiveOption(reconnect.initialDelayMs, 500, 'initialDelayMs');
    this.#maxDelayMs = positiveOption(reconnect.maxDelayMs, 10_000, 'maxDelayMs');
  }

  /** Connects once (failing as `Session.connect` does); later losses are reconnected. */
  static async connect(
    destination: string,
    options: ConnectOptions,
    reconnect: ReconnectOptions = {},
  ): Promise<ReconnectingSession> {
    const first = await Session.connect(destination, options);
    return new ReconnectingSession(destination, options, reconnect, first);
  }

  /** The live session, connecting again first if the last one was lost. */
  session(): Promise<Session> {
    if (this.#closed) return Promise.reject(new SshError('disconnected', 'the session is closed'));
    if (this.#current !== undefined) return Promise.resolve(this.#current);
    this.#connecting ??= this.#reconnect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  /**
   * Runs `work` on the live session. A lost connection fails it as it
   * failed (nothing is retried: the work may have had effects) and marks
   * the session lost, so the next call connects again.
   */
  async run<Result>(work: (session: Session) => Promise<Result>): Promise<Result> {
    const session = await this.session();
    try {
      return await work(session);
    } catch (error) {
      if (isConnectionLoss(error)) this.lost(session, error);
      throw error;
    }
  }

  /**
   * Tells the wrapper that `session` is gone (for work done on it outside
   * {@link run}); the next `session()` connects again.
   */
  lost(session: Session, error: unknown): void {
    if (this.#current !== session) return;
    this.#current = undefined;
    trace('reconnect', () => `${this.destination}: connection lost (${failureText(error)})`);
    this.emit('lost', error);
    // Its master (if any) is already gone or going; close() only cleans up.
    void session.close().catch(() => undefined);
  }

  async #reconnect(): Promise<Session> {
    const { signal } = this.reconnect;
    let delay = this.#initialDelayMs;
    let failure: unknown = new SshError('disconnected', 'no reconnection attempt was allowed');
    for (let attempt = 1; attempt <= this.#attempts; attempt += 1) {
      trace(
        'reconnect',
        () => `${this.destination}: attempt ${attempt} of ${this.#attempts} in ${delay} ms`,
      );
      this.emit('reconnecting', attempt, delay);
      try {
        await sleep(delay, undefined, signal === undefined ? {} : { signal });
        const session = await Session.connect(this.destination, {
          ...this.options,
          ...(signal === undefined ? {} : { signal }),
        });
        if (this.#closed) {
          await session.close().catch(() => undefined);
          throw new SshError('disconnected', 'the session is closed');
        }
        this.#current = session;
        trace('reconnect', () => `${this.destination}: attempt ${attempt} connected`);
        this.emit('reconnected', attempt);
        return session;
      } catch (error) {
        failure = signal?.aborted === true ? (signal.reason as unknown) : error;
        if (signal?.aborted === true || this.#closed) break;
        trace(
          'reconnect',
          () => `${this.destination}: attempt ${attempt} failed (${failureText(error)})`,
        );
        this.emit('attempt-failed', attempt, error);
        delay = Math.min(delay * 2, this.#maxDelayMs);
      }
    }
    trace('reconnect', () => `${this.destination}: gave up (${failureText(failure)})`);
    this.emit('gave-up', failure);
    throw failure;
  }

  /** Closes the live session; no further reconnection. */
  async close(): Promise<void> {
    this.#closed = true;
    const current = this.#current;
    this.#current = undefined;
    await current?.close();
  }

  /** Closes the live session as `await using` does; no further reconnection. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.#closed = true;
    const current = this.#current;
    this.#current = undefined;
    await current?.[Symbol.asyncDispose]();
  }
}
