// Bounds for pseudo-terminal sizes. The wire fields are uint32, but sshd
// keeps them in a `struct winsize`, whose fields are 16-bit: anything larger
// would reach the remote program cut down without a word. So the limits here
// are the ones that arrive intact.
import { SshError } from './ssh-error.js';
import type { TerminalSize } from './transport.js';

/** The largest value a terminal dimension can take on the remote side. */
const MAX_DIMENSION = 0xffff;

function checkDimension(value: unknown, name: string, minimum: 0 | 1, context: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value >= minimum && value <= MAX_DIMENSION) return value;
  }
  throw new SshError(
    'invalid-command',
    `${context}: ${name} must be an integer from ${minimum} to ${MAX_DIMENSION}, got ${String(value)}`,
  );
}

/**
 * Checks a terminal size and returns it complete: columns and rows integers
 * in 1..65535, pixel sizes integers in 0..65535, 0 where not given (RFC 4254
 * §6.2: zero means unknown). Throws `SshError('invalid-command')` otherwise,
 * naming `context` (e.g. `resize`) in the message. Transports may call it
 * too when they take sizes from elsewhere than session-core.
 */
export function checkTerminalSize(size: TerminalSize, context: string): Required<TerminalSize> {
  if (typeof size !== 'object' || (size as TerminalSize | null) === null) {
    throw new SshError('invalid-command', `${context}: a terminal size must be an object`);
  }
  return {
    columns: checkDimension(size.columns, 'columns', 1, context),
    rows: checkDimension(size.rows, 'rows', 1, context),
    widthPixels: checkDimension(size.widthPixels ?? 0, 'widthPixels', 0, context),
    heightPixels: checkDimension(size.heightPixels ?? 0, 'heightPixels', 0, context),
  };
}
