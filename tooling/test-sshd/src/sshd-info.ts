/**
 * Everything a test, benchmark or demo needs to reach one harness sshd.
 * Plain data, so vitest's `provide()` can hand it from globalSetup to workers.
 */
export interface SshdInfo {
  /** Address sshd listens on: `127.0.0.1` or `::1`. */
  readonly host: string;
  /** TCP port sshd listens on. */
  readonly port: number;
  /** Login user that `identityFile` authenticates. */
  readonly user: string;
  /** Home directory of `user` on this machine (the "remote" side). */
  readonly userHome: string;
  /** Private key (mode 0600) the client authenticates with. */
  readonly identityFile: string;
  /** known_hosts file that already trusts this sshd's host key. */
  readonly knownHostsFile: string;
  /** ssh_config with a `Host <hostAlias>` block holding every setting above. */
  readonly sshConfigFile: string;
  /** Host alias defined in `sshConfigFile`: `ssh -F <sshConfigFile> <hostAlias>` just works. */
  readonly hostAlias: string;
  /** sshd's own log (`-E`). */
  readonly logFile: string;
  /** The temporary directory holding all files of this instance; removed by `stop()`. */
  readonly directory: string;
  /** Pid of the listening sshd. */
  readonly pid: number;
  /** With `interactiveLogins`: the login user's account password. */
  readonly password?: string;
  /** With `interactiveLogins: 'two-prompts'`: the answer to the second prompt. */
  readonly secondAnswer?: string;
  /** With `interactiveLogins`: a second authorized key (0600), encrypted with `passphrase`. */
  readonly passphraseIdentityFile?: string;
  /** With `interactiveLogins`: the passphrase of `passphraseIdentityFile`. */
  readonly passphrase?: string;
}
