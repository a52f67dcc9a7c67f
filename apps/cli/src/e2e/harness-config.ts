// Test support: the ssh flags that reach the run's harness sshd.
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
