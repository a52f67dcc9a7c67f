/**
 * Recording a new host key, as ssh's `add_host_to_hostfile` (hostfile.c)
 * does under `StrictHostKeyChecking accept-new`: one line
 * `name keytype base64\n` appended, the name lowercased and `[host]:port`
 * for ports other than 22, or hashed (`|1|salt|hash`) with HashKnownHosts.
 * A file without a final newline gets one first; no other line is ever
 * rewritten. A missing file is created 0600 and missing directories 0700.
 *
 * @packageDocumentation
 */
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SshError } from '@openssh-ts/session-core';
import type { AddKnownHost } from '../contracts.js';
import { knownHostsName } from './check-host-key.js';
import { hashHostName } from './hashed-host.js';
import { keyTypeOfBlob } from './public-key-blob.js';

/** How a new known_hosts line is written. */
export interface AppendKnownHostOptions {
  /** Hash the host name (ssh_config `HashKnownHosts yes`). */
  readonly hash: boolean;
}

/**
 * The known_hosts line (with its newline) that records `key` for `name`
 * (a name from `knownHostsName`).
 */
export function formatKnownHostsLine(
  name: string,
  key: Uint8Array,
  options: AppendKnownHostOptions,
): string {
  const keyType = keyTypeOfBlob(key);
  if (keyType === undefined) throw new RangeError('not an SSH public key blob');
  const host = options.hash ? hashHostName(name.toLowerCase()) : name.toLowerCase();
  return `${host} ${keyType} ${Buffer.from(key).toString('base64')}\n`;
}

/**
 * Appends the line for `key` to `file` and resolves with it. Rejects with
 * `SshError('connect', reason 'other')` when the file or its directory
 * cannot be created or written.
 */
export async function appendKnownHostLine(
  file: string,
  name: string,
  key: Uint8Array,
  options: AppendKnownHostOptions,
): Promise<string> {
  const line = formatKnownHostsLine(name, key, options);
  try {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const handle = await open(file, 'a+', 0o600);
    try {
      const { size } = await handle.stat();
      let separator = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) separator = '\n';
      }
      // One write: concurrent appenders (O_APPEND) never interleave inside a line.
      await handle.write(separator + line);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new SshError('connect', `cannot record the host key in ${file}`, {
      reason: 'other',
      cause: error,
    });
  }
  return line;
}

/** The contract's {@link AddKnownHost}: records `key` for `target` in `file`. */
export const addKnownHost: AddKnownHost = async (file, target, key, options = {}) => {
  await appendKnownHostLine(file, knownHostsName(target), key.blob, {
    hash: options.hash ?? false,
  });
};
