import type { Duplex } from 'node:stream';
import ssh2, {
  type CipherAlgorithm,
  type Client,
  type KexAlgorithm,
  type ServerHostKeyAlgorithm,
} from 'ssh2';
import { trace, traceEnabled } from '@openssh-ts/session-core';
import { connectFailure, connectTimedOut } from './connect-failure.js';
import { checkHostKey, type HostKeyCheck } from './host-key-check.js';
import { connectionHostVerifier } from './host-key-verifier.js';
import { loginHandler, type LoginMaterial, type LoginOutcome } from './login-methods.js';

/** Everything needed to bring up one SSH connection (the destination or a jump host). */
export interface HopPlan {
  /** Where to connect: the resolved HostName and Port. */
  readonly host: string;
  readonly port: number;
  /** Host key algorithms to offer, in order (`algorithms.serverHostKey`). */
  readonly hostKeyAlgorithms: readonly string[];
  readonly hostKey: HostKeyCheck;
  readonly login: LoginMaterial;
  /** ConnectTimeout in ms: TCP connect and key exchange; undefined for none. */
  readonly connectTimeout: number | undefined;
  /** ServerAliveInterval in ms; 0 for none. */
  readonly keepaliveInterval: number;
  readonly keepaliveCountMax: number;
  readonly compression: boolean;
}

/**
 * Brings up one SSH connection over `socket` (a TCP socket, or a channel
 * through the previous hop): key exchange, host-key check, login. Rejects
 * with `SshError('connect', { reason })`; on failure the socket is destroyed.
 * `signal` aborts with its reason.
 */
/** Ciphers and key exchanges to offer, OpenSSH names in order of preference. */
export interface HopAlgorithms {
  readonly cipher?: readonly string[];
  readonly kex?: readonly string[];
}

export function openHop(
  plan: HopPlan,
  socket: Duplex,
  signal: AbortSignal | undefined,
  algorithms: HopAlgorithms = {},
): Promise<Client> {
  const where = plan.port === 22 ? plan.host : `${plan.host} port ${plan.port}`;
  const client = new ssh2.Client();
  const outcome: LoginOutcome = { failure: undefined };
  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    let keyFailure: unknown;
    const finish = (error: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) {
        client.removeListener('error', onError);
        client.removeListener('close', onClose);
        resolve(client);
        return;
      }
      client.removeAllListeners('ready');
      client.on('error', () => undefined);
      client.end();
      socket.destroy();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an abort rejects with the signal's own reason, whatever its type
      reject(error);
    };
    const onAbort = (): void => finish(signal?.reason);
    const onError = (error: unknown): void =>
      finish(outcome.failure ?? keyFailure ?? connectFailure(error, where));
    const onClose = (): void =>
      finish(
        outcome.failure ??
          keyFailure ??
          connectFailure(new Error('Connection closed by remote host'), where),
      );
    // ConnectTimeout covers reaching the server and its key exchange, as in
    // ssh; the login after it may wait for a person answering prompts.
    const timer =
      plan.connectTimeout === undefined
        ? undefined
        : setTimeout(
            () => finish(connectTimedOut(where, plan.connectTimeout ?? 0)),
            plan.connectTimeout,
          );
    if (signal?.aborted === true) {
      finish(signal.reason);
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    client.on('error', onError);
    client.on('close', onClose);
    client.once('ready', () => finish(undefined));
    // ssh2 sends its keepalives (keepalive@openssh.com global requests) with
    // no event; its debug hook is the one place that says so. The hook makes
    // ssh2 describe every packet, so it is set only while someone traces,
    // and only its keepalive lines are passed on (the rest could name login steps).
    if (plan.keepaliveInterval > 0) {
      trace(
        'keepalive',
        () =>
          `${where}: keepalive every ${plan.keepaliveInterval} ms, dropped after ${plan.keepaliveCountMax} unanswered`,
      );
    } else trace('keepalive', () => `${where}: no keepalives (ServerAliveInterval 0)`);
    const debug = traceEnabled()
      ? (line: string): void => {
          if (line.includes('keepalive@openssh.com'))
            trace('keepalive', () => `${where}: sent keepalive@openssh.com`);
        }
      : undefined;
    client.on('error', (error: Error & { level?: string }) => {
      if (error.level === 'client-timeout')
        trace(
          'keepalive',
          () => `${where}: ${plan.keepaliveCountMax} keepalives unanswered, connection dropped`,
        );
    });
    const { cipher, kex } = algorithms;
    const connectConfig: Parameters<Client['connect']>[0] = {
      sock: socket,
      username: plan.login.username,
      // The login is ours to time (prompts may take a person's time).
      readyTimeout: 0,
      keepaliveInterval: plan.keepaliveInterval,
      keepaliveCountMax: plan.keepaliveCountMax,
      ...(debug === undefined ? {} : { debug }),
      algorithms: {
        compress: plan.compression ? ['zlib@openssh.com', 'zlib', 'none'] : ['none'],
        serverHostKey: [...plan.hostKeyAlgorithms] as ServerHostKeyAlgorithm[],
        ...(cipher === undefined ? {} : { cipher: [...cipher] as CipherAlgorithm[] }),
        ...(kex === undefined ? {} : { kex: [...kex] as KexAlgorithm[] }),
      },
      hostVerifier: connectionHostVerifier(
        (key) => {
          clearTimeout(timer);
          return checkHostKey(plan.hostKey, key);
        },
        (error) => {
          keyFailure = error;
        },
      ),
      authHandler: loginHandler(plan.login, outcome),
    };
    try {
      client.connect(connectConfig);
    } catch (error) {
      // ssh2 checks the algorithm names before any byte is sent and throws
      // ("Unsupported algorithm: …"); that is a connect failure like any other.
      finish(connectFailure(error, where));
    }
  });
}
