// Test support: the ssh flags that reach the run's harness sshd.
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';

/** `-F <config>` and the host alias of the shared harness sshd. */
export function harnessTarget(): {
  readonly flags: readonly string[];
  readonly host: string;
  readonly directory: string;
} {
  const sshd = harnessSshd();
  return { flags: ['-F', sshd.sshConfigFile], host: sshd.hostAlias, directory: sshd.directory };
}

/**
 * Processes of ours (ssh masters, ssh clients) still mentioning the harness
 * directory; the harness sshd itself, started from its sshd_config there, is
 * left to globalSetup.
 */
export function harnessLeftovers(): string[] {
  return processesMentioning([harnessSshd().directory])
    .filter((entry) => !entry.commandLine.includes('sshd_config'))
    .map((entry) => entry.commandLine);
}
