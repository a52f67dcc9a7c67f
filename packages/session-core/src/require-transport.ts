import { SshError } from './ssh-error.js';
import type { TransportFactory } from './transport.js';

/** The factory, if given and of an interface version this session-core knows; else a clear `invalid-command`. */
export function requireTransport(factory: TransportFactory | undefined): TransportFactory {
  if (factory === undefined) {
    throw new SshError(
      'invalid-command',
      'no transport given: pass one as the `transport` option, e.g. `processTransport()` from ' +
        '@openssh-ts/transport-process or `nativeTransport()` from @openssh-ts/transport-native',
    );
  }
  if ((factory.transportVersion as number) !== 2) {
    throw new SshError(
      'invalid-command',
      `transport ${factory.name} implements interface version ${String(factory.transportVersion)}; this session-core knows version 2 (upgrade the transport package to one built for this session-core)`,
    );
  }
  const mode = (factory as { mode?: unknown }).mode;
  if (mode !== 'attach' && mode !== 'connect') {
    throw new SshError(
      'invalid-command',
      `transport ${factory.name} has mode ${JSON.stringify(mode)}; expected 'attach' or 'connect'`,
    );
  }
  return factory;
}
