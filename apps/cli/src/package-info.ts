/**
 * The importable face of `@openssh-ts/cli`, which is a program, not a
 * library: its declarations are built from this file (see tsup.config.ts),
 * while `index.ts` runs the CLI.
 *
 * @packageDocumentation
 */

/** Name of this package. */
export const packageName = '@openssh-ts/cli';
