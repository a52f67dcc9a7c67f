import type { Better } from './bench-case.js';

/** Median, minimum and maximum of a non-empty list of figures. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Summarises repeated figures; undefined for an empty list. */
export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/**
 * How many times better `subject` is than `other`, whatever the unit's
 * direction: above 1 is a win for `subject`, below 1 a loss. Undefined when
 * either figure is not a positive number.
 */
export function advantage(subject: number, other: number, better: Better): number | undefined {
  if (!(subject > 0) || !(other > 0)) return undefined;
  return better === 'higher' ? subject / other : other / subject;
}
