/** Why the harness could not start or stop an sshd. */
export type TestSshdErrorKind =
  | 'sshd-not-installed'
  | 'ssh-keygen-not-installed'
  | 'start-failed'
  | 'user-setup-failed'
  | 'needs-root';

/** Error thrown by the sshd test harness; `kind` says what went wrong. */
export class TestSshdError extends Error {
  /** Always `'TestSshdError'`. */
  override readonly name = 'TestSshdError';
  /** What went wrong; see {@link TestSshdErrorKind}. */
  readonly kind: TestSshdErrorKind;

  constructor(kind: TestSshdErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}
