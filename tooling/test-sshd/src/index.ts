/**
 * Real OpenSSH sshd on loopback for tests, benchmarks and the demo.
 *
 * @packageDocumentation
 * @module @openssh-ts/test-sshd
 */
export { startSshd, type StartSshdOptions, type TestSshd } from './start-sshd.js';
export type { SshdInfo } from './sshd-info.js';
export type { InteractiveLogins, InteractiveLoginSecrets } from './interactive-logins.js';
export { TestSshdError, type TestSshdErrorKind } from './errors.js';
export { DEDICATED_TEST_USER, resolveLoginUser, type LoginUser } from './login-user.js';
export { LOGIN_SHELLS, resolveShellPath, type LoginShellName } from './login-shell.js';
export { findExecutable } from './find-executable.js';
export {
  descendantPids,
  isAlive,
  listProcesses,
  processesMentioning,
  signalQuietly,
  type ProcessEntry,
} from './processes.js';
export { freePort } from './free-port.js';
export { newDescriptors, openDescriptors } from './open-descriptors.js';
