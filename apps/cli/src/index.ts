#!/usr/bin/env node
/**
 * ossh — the sample CLI of openssh-ts. This entry only runs {@link main} and
 * exits with its code once stdout and stderr are flushed (exiting earlier
 * would cut output written to a pipe).
 *
 * @packageDocumentation
 */
import { drain, main } from './main.js';

void main(process.argv.slice(2)).then(async (code) => {
  await Promise.all([drain(process.stdout), drain(process.stderr)]);
  process.exit(code);
});
