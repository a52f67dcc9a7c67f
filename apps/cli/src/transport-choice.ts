// Turns `--transport native|process` into a TransportFactory.
import type { TransportFactory } from '@openssh-ts/session-core';
import { nativeTransport } from '@openssh-ts/transport-native';
import type { TransportName } from './connection-options.js';
import { UsageError } from './usage-error.js';

interface ProcessTransportModule {
  readonly processTransport?: () => TransportFactory;
}

/**
 * The transport factory for a name. The process transport is loaded lazily:
 * it is only needed when asked for.
 *
 * @throws {@link UsageError} when the chosen transport is not available in this build.
 */
export async function createTransport(name: TransportName): Promise<TransportFactory> {
  if (name === 'native') return nativeTransport();
  const module = (await import('@openssh-ts/transport-process')) as ProcessTransportModule;
  if (typeof module.processTransport !== 'function') {
    throw new UsageError(
      'the process transport is not available in this build yet',
      'use --transport native',
    );
  }
  return module.processTransport();
}
