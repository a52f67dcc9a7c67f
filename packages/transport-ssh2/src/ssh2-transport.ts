import {
  SshError,
  type ConnectingTransportFactory,
  type Transport,
} from '@openssh-ts/session-core';

/** Options of {@link ssh2Transport}; none yet, kept for additions. */
export type Ssh2TransportOptions = Record<string, never>;

/**
 * A transport that makes its own SSH connection with the pure-JS `ssh2`
 * package: no `ssh` binary and no ControlMaster are needed, so it also
 * runs on Windows and in slim images. `Session.detach()` is not available.
 */
export function ssh2Transport(options: Ssh2TransportOptions = {}): ConnectingTransportFactory {
  void options;
  return {
    transportVersion: 2,
    name: 'ssh2',
    mode: 'connect',
    connect(): Promise<Transport> {
      return Promise.reject(
        new SshError('unsupported', 'the ssh2 transport is not implemented yet'),
      );
    },
  };
}
