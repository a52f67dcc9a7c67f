import type { AskpassAnswerer } from './askpass-channel.js';
import { asksAccountPassword, asksKeyPassphrase } from './askpass-prompt.js';
import type { ConnectOptions, SecretSource } from './connect-options.js';
import { startLongTimer, type LongTimer } from './long-timer.js';
import { SshError } from './ssh-error.js';

/** Default of `ConnectOptions.promptTimeout`. */
export const DEFAULT_PROMPT_TIMEOUT = 120_000;

// readpass.c ssh_askpass reads at most 1023 bytes and cuts at the first CR or
// LF: a longer answer, or one with a line break, would arrive altered.
const MAX_ANSWER_BYTES = 1022;

/** Whether the options give ssh anything to answer prompts with. */
export function hasPromptSource(options: ConnectOptions): boolean {
  return (
    options.password !== undefined ||
    options.passphrase !== undefined ||
    options.onPrompt !== undefined
  );
}

/** What answers a launch's prompts, and what it learned doing so. */
export interface LoginAnswers {
  readonly answer: AskpassAnswerer;
  /** How many answers ssh was given to password and to keyboard-interactive prompts. */
  readonly attempts: () => { readonly password: number; readonly keyboardInteractive: number };
}

function checkedAnswer(value: unknown, prompt: string): string {
  if (typeof value !== 'string')
    throw new SshError('connect', `the answer to ${JSON.stringify(prompt)} is not a string`, {
      reason: 'other',
    });
  if (/[\r\n\0]/.test(value) || Buffer.byteLength(value) > MAX_ANSWER_BYTES)
    throw new SshError(
      'connect',
      `the answer to ${JSON.stringify(prompt)} cannot be given to ssh: it holds a line break ` +
        `or NUL, or is longer than ${MAX_ANSWER_BYTES} bytes`,
      { reason: 'other' },
    );
  return value;
}

/**
 * The policy of a launch: `password` answers the account password prompts of
 * the destination's own ssh, `passphrase` that ssh's key passphrase prompts,
 * `onPrompt` everything else (jump hosts' prompts included). Host-key
 * confirmations and yes/no permissions are refused without asking: the
 * knownHosts policy decides. One answer at a time, each within
 * `promptTimeout`; a handler that throws, times out or answers something ssh
 * cannot take calls `fail`, which ends the launch.
 */
export function loginAnswers(
  options: ConnectOptions,
  fail: (error: SshError) => void,
): LoginAnswers {
  const timeout = options.promptTimeout ?? DEFAULT_PROMPT_TIMEOUT;
  if (typeof timeout !== 'number' || !(timeout > 0))
    throw new SshError(
      'invalid-command',
      `promptTimeout must be a positive number of milliseconds (or Infinity), got ${String(timeout)}`,
    );
  const secrets = new Map<SecretSource, Promise<string>>();
  const secret = (source: SecretSource): Promise<string> => {
    if (typeof source === 'string') return Promise.resolve(source);
    let fetched = secrets.get(source);
    if (fetched === undefined) {
      fetched = Promise.resolve().then(source);
      secrets.set(source, fetched);
    }
    return fetched;
  };
  const attempts = { password: 0, keyboardInteractive: 0 };
  let queue: Promise<unknown> = Promise.resolve();
  let failed = false;

  const within = async (pending: Promise<unknown>, prompt: string): Promise<unknown> => {
    let timer: LongTimer | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = startLongTimer(
        timeout,
        () =>
          reject(
            new SshError(
              'connect',
              `no answer to the login prompt ${JSON.stringify(prompt)} within ${timeout} ms`,
              { reason: 'timed-out' },
            ),
          ),
        { keepAlive: true },
      );
    });
    try {
      return await Promise.race([pending, expired]);
    } finally {
      timer?.cancel();
    }
  };

  const answerOne: AskpassAnswerer = async ({ question, caller }) => {
    if (failed || question.permission || question.kind === 'host-key') return undefined;
    let source: Promise<unknown> | undefined;
    if (caller === 'master' && options.password !== undefined && asksAccountPassword(question))
      source = secret(options.password);
    else if (caller === 'master' && options.passphrase !== undefined && asksKeyPassphrase(question))
      source = secret(options.passphrase);
    else if (options.onPrompt !== undefined) {
      const handler = options.onPrompt;
      const { prompt, echo, kind } = question;
      source = Promise.resolve().then(() => handler({ prompt, echo, kind }));
    }
    if (source === undefined) return question.kind === 'notice' ? '' : undefined;
    // The caller's own failure, whatever it is, becomes the cause.
    const pending = source.catch((error: unknown) => {
      throw new SshError(
        'connect',
        `answering the login prompt ${JSON.stringify(question.prompt)} failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
        { reason: 'other', cause: error },
      );
    });
    try {
      const value = await within(pending, question.prompt);
      if (question.kind === 'notice') return '';
      const checked = checkedAnswer(value, question.prompt);
      if (question.kind === 'password') attempts.password += 1;
      if (question.kind === 'keyboard-interactive') attempts.keyboardInteractive += 1;
      return checked;
    } catch (error) {
      failed = true;
      // Everything that reaches here is one of ours (see above).
      fail(error as SshError);
      return undefined;
    }
  };

  return {
    answer(request) {
      const next = queue.then(() => answerOne(request));
      queue = next.catch(() => undefined);
      return next;
    },
    attempts: () => ({ ...attempts }),
  };
}
