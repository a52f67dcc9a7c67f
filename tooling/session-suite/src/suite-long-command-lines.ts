// Regression (issue 15, point 8): a 200 KiB argument made the process
// transport's spawn throw E2BIG synchronously (untyped, its session slot
// never given back), and native sent it to fail on the server as "Argument
// list too long". Both now refuse it with invalid-command before anything
// is sent, naming the limit and stdin; nothing is held, so later commands
// run; a line of exactly the limit still runs.
import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_LINE_BYTES } from '@openssh-ts/session-core';
import type { SuiteContext } from './suite-context.js';

/** Registers the long-command-line part of the suite. */
export function longCommandLineTests(context: SuiteContext): void {
  describe('regression: a 200 KiB argument failed untyped (E2BIG) or on the server', () => {
    it('is invalid-command naming the limit and stdin, 12 times over, and the session still runs commands', async () => {
      await using session = await context.connect();
      for (let attempt = 0; attempt < 12; attempt += 1) {
        const refused = await session
          .command('printf')
          .arg('%s')
          .arg('x'.repeat(200 * 1024))
          .output()
          .catch((error: unknown) => error);
        expect(refused).toMatchObject({ kind: 'invalid-command' });
        expect(String(refused)).toMatch(new RegExp(`${MAX_COMMAND_LINE_BYTES}.*stdin`));
      }
      const atLimit = await session
        .rawCommand(`: ${'x'.repeat(MAX_COMMAND_LINE_BYTES - 2)}`)
        .status();
      expect(atLimit.success).toBe(true);
      expect((await session.command('echo').arg('after').output()).stdout.toString()).toBe(
        'after\n',
      );
    });
  });
}
