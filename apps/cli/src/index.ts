#!/usr/bin/env node
/**
 * ossh — placeholder until the CLI issue lands.
 *
 * @packageDocumentation
 */
export const packageName = '@openssh-ts/cli';
