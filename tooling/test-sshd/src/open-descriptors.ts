import { readdirSync, readlinkSync } from 'node:fs';

/**
 * This process' open file descriptors, as `fd -> target` lines read from
 * /proc/self/fd (Linux only): `socket:[123]`, `pipe:[456]`, paths. Compare a
 * list taken before some work with one taken after to find what the work
 * left open; the descriptor used to read the directory itself is left out.
 */
export function openDescriptors(): string[] {
  const listed: string[] = [];
  for (const name of readdirSync('/proc/self/fd')) {
    try {
      listed.push(`${name} -> ${readlinkSync(`/proc/self/fd/${name}`)}`);
    } catch {
      // The descriptor of the directory listing itself, closed by now.
    }
  }
  return listed;
}

/** Descriptors in `after` that were not open in `before` (see {@link openDescriptors}). */
export function newDescriptors(before: readonly string[], after: readonly string[]): string[] {
  const known = new Set(before);
  return after.filter((entry) => !known.has(entry));
}
