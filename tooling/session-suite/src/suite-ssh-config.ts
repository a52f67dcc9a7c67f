// What the user's ssh_config says about sessions acts the same on every
// transport. Regression: SetEnv reached commands on the process transport
// (its own ssh read it) and not on native (which opens sessions itself).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './suite-context.js';

/** Registers the ssh_config session tests. */
export function sshConfigTests(context: SuiteContext): void {
  describe('ssh_config for sessions', () => {
    it('SetEnv and SendEnv reach commands as sshd AcceptEnv allows, on every transport', async () => {
      const config = join(context.directory(), 'ssh_config');
      // The harness sshd accepts OSSH_TEST_* (AcceptEnv), not OSSH_REFUSED_*.
      writeFileSync(
        config,
        [
          'Host *',
          '  SetEnv OSSH_TEST_SET="set by ssh_config" OSSH_REFUSED_SET=no',
          '  SendEnv OSSH_TEST_SENT_* OSSH_REFUSED_SENT',
          '',
        ].join('\n'),
      );
      process.env.OSSH_TEST_SENT_HERE = "sent from here's environment";
      process.env.OSSH_REFUSED_SENT = 'no';
      try {
        await using session = await context.connect({ configFile: config });
        const { stdout } = await session
          .rawCommand(
            'printf "%s|%s|%s|%s" "$OSSH_TEST_SET" "$OSSH_TEST_SENT_HERE" "${OSSH_REFUSED_SET-unset}" "${OSSH_REFUSED_SENT-unset}"',
          )
          .output();
        expect(stdout.toString()).toBe(
          "set by ssh_config|sent from here's environment|unset|unset",
        );
      } finally {
        delete process.env.OSSH_TEST_SENT_HERE;
        delete process.env.OSSH_REFUSED_SENT;
      }
    });
  });
}
