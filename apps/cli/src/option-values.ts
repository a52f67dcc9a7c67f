// Parsers for flag values, shaped for commander's argParser: each either
// returns the value or throws InvalidArgumentError, which commander reports
// as "option '-p <port>' argument 'x' is invalid. <why>".
import { InvalidArgumentError } from 'commander';

/** An integer in `[minimum, maximum]`. */
export function integerIn(minimum: number, maximum: number): (value: string) => number {
  return (value) => {
    const number = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= minimum && number <= maximum)) {
      throw new InvalidArgumentError(`expected a whole number from ${minimum} to ${maximum}.`);
    }
    return number;
  };
}

/** A TCP port, 1-65535. */
export const parsePort = integerIn(1, 65_535);

/** Seconds, decimals allowed (`0.5`, `30`), returned as milliseconds. */
export function parseSeconds(value: string): number {
  const seconds = /^\d{1,7}(\.\d{1,3})?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0))
    throw new InvalidArgumentError('expected a positive number of seconds, e.g. 30 or 0.5.');
  return Math.round(seconds * 1000);
}

/**
 * An ssh `-o` option, `Name=value` or `Name value` as ssh accepts both,
 * normalised to `Name=value`; appended to the earlier ones.
 */
export function collectSshOption(value: string, previous: readonly string[] = []): string[] {
  const match = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)(\S.*)$/.exec(value);
  if (match === null || /[\0\r\n]/.test(value)) {
    throw new InvalidArgumentError('expected Name=value, e.g. -o ServerAliveInterval=15.');
  }
  return [...previous, `${match[1]}=${(match[2] ?? '').trim()}`];
}

/** Appends a repeatable flag's value. */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

/** `-J a,b` → `['a', 'b']`, appended to earlier `-J` values. */
export function collectJumpHosts(value: string, previous: readonly string[] = []): string[] {
  const hosts = value.split(',').map((host) => host.trim());
  if (hosts.some((host) => host === '' || host.startsWith('-'))) {
    throw new InvalidArgumentError('expected [user@]host[:port][,...].');
  }
  return [...previous, ...hosts];
}
