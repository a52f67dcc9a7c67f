// Regression (issue 15, point 6): a timeout of 2^31 ms or more (or Infinity)
// aborted the command at once, because Node turns such delays into 1 ms.
// Now Command.timeout waits them out (Infinity: no timeout), and the
// durations handed to ssh refuse what ssh cannot take before it runs.
import { describe, expect, it } from 'vitest';
import { childExitingWith, commandOn } from '../command-host.fixture.js';
import type { Command } from '../command.js';
import { masterArguments } from '../master-arguments.js';
import type { TransportExit } from '../transport.js';

function commandExitingAfter(milliseconds: number): Command {
  const exit = new Promise<TransportExit>((resolve) =>
    setTimeout(() => resolve({ code: 0, signal: null, coreDumped: false }), milliseconds),
  );
  return commandOn(childExitingWith(exit), 'sleep');
}

describe('regression: timeouts of 2^31 ms or more fired at once', () => {
  it('a command with timeout 2^31 ms, 2^40 ms or Infinity runs to its end', async () => {
    for (const timeout of [2 ** 31, 2 ** 40, Number.MAX_SAFE_INTEGER, Infinity]) {
      const status = await commandExitingAfter(30).timeout(timeout).status();
      expect(status.success).toBe(true);
    }
  });

  it('a short timeout still aborts', async () => {
    await expect(commandExitingAfter(5_000).timeout(20).status()).rejects.toMatchObject({
      kind: 'aborted',
    });
  });

  it('durations for ssh past its INT_MAX seconds, or Infinity, are invalid-command before ssh runs', () => {
    const paths = { controlSocket: '/tmp/ossh-x/master', masterLog: '/tmp/ossh-x/log' };
    for (const connectTimeout of [2 ** 31 * 1000, Infinity]) {
      expect(() => masterArguments({ connectTimeout }, { host: 'h' }, paths)).toThrow(
        expect.objectContaining({ kind: 'invalid-command' }) as Error,
      );
    }
    expect(() => masterArguments({ controlPersist: 2 ** 31 * 1000 }, { host: 'h' }, paths)).toThrow(
      expect.objectContaining({ kind: 'invalid-command' }) as Error,
    );
    expect(
      masterArguments({ connectTimeout: (2 ** 31 - 1) * 1000 }, { host: 'h' }, paths),
    ).toContain('ConnectTimeout=2147483647');
  });
});
