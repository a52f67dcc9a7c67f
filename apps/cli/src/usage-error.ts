/**
 * A mistake on the command line (bad flag value, malformed destination or
 * forward spec, unreadable hosts file). The CLI prints its message as one
 * line and exits with {@link USAGE_EXIT_CODE}; it never reaches the network.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  /**
   * @param message - what is wrong, phrased for the person who typed it.
   * @param hint - what to try instead; printed after the message.
   */
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Exit code of a usage error, as commander and most Unix tools use it. */
export const USAGE_EXIT_CODE = 2;
