import { openAskpassChannel } from './askpass-channel.js';
import type { ConnectOptions } from './connect-options.js';
import { launchMaster, type LaunchRequest } from './launch-master.js';
import { loginAnswers } from './login-answers.js';
import { SshError } from './ssh-error.js';

/**
 * Launches the master with an askpass channel open in its control
 * `directory`: ssh runs the shipped helper for each prompt and the answers
 * come from `password`, `passphrase` or `onPrompt`. The channel is closed and
 * its files removed once ssh returns, whether it is up or failed. A failed
 * answer (thrown, timed out, unusable) ends the launching ssh at once and is
 * the error. A refused login says how many password answers ssh sent.
 */
export async function launchMasterWithPrompts(
  request: Omit<LaunchRequest, 'environment' | 'onSpawn'>,
  options: ConnectOptions,
  directory: string,
): Promise<void> {
  const stop = new AbortController();
  const answers = loginAnswers(options, (error) => stop.abort(error));
  const channel = await openAskpassChannel(directory, answers.answer);
  const signal =
    request.signal === undefined ? stop.signal : AbortSignal.any([request.signal, stop.signal]);
  try {
    await launchMaster({
      ...request,
      signal,
      environment: channel.environment,
      onSpawn: (pid) => channel.admit(pid),
    });
  } catch (error) {
    const { password, keyboardInteractive } = answers.attempts();
    const total = password + keyboardInteractive;
    if (SshError.isInstance(error) && error.reason === 'permission-denied' && total > 0) {
      throw new SshError(
        'connect',
        `${error.message} (after ${total} ${total === 1 ? 'answer' : 'answers'}: ${password} to ` +
          `password and ${keyboardInteractive} to keyboard-interactive prompts; ssh asks each ` +
          'method at most NumberOfPasswordPrompts times, 3 by default)',
        {
          reason: 'permission-denied',
          ...(error.sshOutput === undefined ? {} : { sshOutput: error.sshOutput }),
          cause: error,
        },
      );
    }
    throw error;
  } finally {
    await channel.close();
  }
}
