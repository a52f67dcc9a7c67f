/**
 * How a remote process ended. Exactly one of `code` and `signal` is set when
 * the transport could tell; the process transport cannot see remote signals
 * (ssh reports them as exit 255), the native transport can.
 */
export interface ExitStatus {
  /** Exit code, or null when the process was killed by a signal. */
  readonly code: number | null;
  /** Signal name without the `SIG` prefix (e.g. `TERM`), or null. */
  readonly signal: string | null;
  /** Whether the process dumped core (native transport only). */
  readonly coreDumped: boolean;
  /** `code === 0`. */
  readonly success: boolean;
}

/** Builds an {@link ExitStatus}. */
export function exitStatus(
  code: number | null,
  signal: string | null = null,
  coreDumped = false,
): ExitStatus {
  return { code, signal, coreDumped, success: code === 0 && signal === null };
}
