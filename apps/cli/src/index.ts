#!/usr/bin/env node
/**
 * ossh — the sample CLI of openssh-ts. This entry only runs {@link main} and
 * exits with its code once stdout and stderr are flushed (exiting earlier
 * would cut output written to a pipe).
 *
 * @packageDocumentation
 */
import { exitQuietlyOnBrokenPipe } from './broken-pipe.js';
import { drain, main } from './main.js';

exitQuietlyOnBrokenPipe(process.stdout);
exitQuietlyOnBrokenPipe(process.stderr);
void main(process.argv.slice(2)).then(async (code) => {
  await Promise.all([drain(process.stdout), drain(process.stderr)]);
  process.exit(code);
});
