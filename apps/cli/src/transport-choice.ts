// Turns `--transport native|process|ssh2` into a TransportFactory.
import type { TransportFactory } from '@openssh-ts/session-core';
import { nativeTransport } from '@openssh-ts/transport-native';
import { processTransport } from '@openssh-ts/transport-process';
import { ssh2Transport } from '@openssh-ts/transport-ssh2';
import type { TransportName } from './connection-options.js';

/** The transport factory for a name. */
export function createTransport(name: TransportName): TransportFactory {
  switch (name) {
    case 'native':
      return nativeTransport();
    case 'process':
      return processTransport();
    case 'ssh2':
      return ssh2Transport();
  }
}
