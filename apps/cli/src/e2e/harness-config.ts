// Test support: the ssh flags that reach the run's harness sshd.
import { processesMentioning, type TestSshd } from '@openssh-ts/test-sshd';
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

/**
 * ssh and ossh (node) processes still using the files of a test's own `sshd`
 * (that sshd itself and a tmux pane's shell aside).
 */
export function clientLeftovers(sshd: TestSshd): string[] {
  return processesMentioning([sshd.directory])
    .filter((entry) => entry.pid !== sshd.pid && /^(\S*\/)?(ssh|node) /.test(entry.commandLine))
    .map((entry) => entry.commandLine);
}
