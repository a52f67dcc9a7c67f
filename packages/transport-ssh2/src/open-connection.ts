import { connect as connectTcp, type LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectContext } from '@openssh-ts/session-core';
import type { Client, ClientChannel } from 'ssh2';
import { connectFailure, connectTimedOut } from './connect-failure.js';
import { openHop, type HopAlgorithms, type HopPlan } from './open-hop.js';
import { planConnection, type PlanModules } from './plan-connection.js';
import type { SessionVariable } from './session-variables.js';

export type { LookupFunction };

/** What {@link openConnection} needs besides the context. */
export interface ConnectionSetup {
  readonly modules: PlanModules;
  readonly lookup?: LookupFunction;
  /** Ciphers and key exchanges to offer on every hop (ssh2's order when absent). */
  readonly algorithms?: HopAlgorithms;
}

/** A logged-in connection to the destination, through its jump hosts. */
export interface OpenConnection {
  readonly client: Client;
  /** The jump hosts' connections, outermost first. */
  readonly hops: readonly Client[];
  /** What every session sends as `env` requests (SendEnv matches, then SetEnv). */
  readonly environment: readonly SessionVariable[];
}

function where(plan: HopPlan): string {
  return plan.port === 22 ? plan.host : `${plan.host} port ${plan.port}`;
}

/** Opens the TCP connection with Nagle off (ssh2 leaves it on: ~40 ms per small exchange). */
function openSocket(
  plan: HopPlan,
  lookup: LookupFunction | undefined,
  signal: AbortSignal | undefined,
): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({
      host: plan.host,
      port: plan.port,
      noDelay: true,
      ...(lookup === undefined ? {} : { lookup }),
    });
    const timer =
      plan.connectTimeout === undefined
        ? undefined
        : setTimeout(
            () => fail(connectTimedOut(where(plan), plan.connectTimeout ?? 0)),
            plan.connectTimeout,
          );
    const onAbort = (): void => fail(signal?.reason);
    const fail = (error: unknown): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- an abort rejects with the signal's own reason, whatever its type
      reject(error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (error) => fail(connectFailure(error, where(plan))));
    socket.once('connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

/** A `direct-tcpip` channel from `through` to the next hop. */
function openChannel(through: Client, plan: HopPlan): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    through.forwardOut(
      '127.0.0.1',
      0,
      plan.host,
      plan.port,
      (error: Error | undefined, channel: ClientChannel) => {
        if (error)
          reject(connectFailure(Object.assign(error, { code: 'ECONNREFUSED' }), where(plan)));
        else resolve(channel);
      },
    );
  });
}

/**
 * Resolves the destination (ssh_config, options), then connects: to the
 * first jump host over TCP, to each next one through a `direct-tcpip`
 * channel of the previous (ProxyJump), checking every hop's host key.
 * On failure, whatever was opened is closed again.
 */
export async function openConnection(
  context: ConnectContext,
  setup: ConnectionSetup,
): Promise<OpenConnection> {
  const { signal } = context;
  if (signal?.aborted === true) throw signal.reason;
  const plan = await planConnection(context.parsed, context.options, setup.modules);
  const clients: Client[] = [];
  try {
    for (const hop of plan.hops) {
      const previous = clients.at(-1);
      const socket =
        previous === undefined
          ? await openSocket(hop, setup.lookup, signal)
          : await openChannel(previous, hop);
      clients.push(await openHop(hop, socket, signal, setup.algorithms));
    }
  } catch (error) {
    for (const client of clients.reverse()) client.end();
    throw error;
  }
  const client = clients.pop()!;
  return { client, hops: clients, environment: plan.environment };
}
