import { SshError } from '@openssh-ts/session-core';

const ownDisconnects = new WeakSet<SshError>();

/** The error that ends what is still open when we detach on purpose. */
export function ownDisconnect(message: string): SshError {
  const error = new SshError('disconnected', message);
  ownDisconnects.add(error);
  return error;
}

/** Whether `error` comes from our own detach or close rather than a lost link. */
export function isOwnDisconnect(error: SshError): boolean {
  return ownDisconnects.has(error);
}
