import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DelayLine, type LinkShape } from './delay-line.js';
import type { HalfCloseDirection, RelayCounters, RelaySettings } from './messages.js';

/** One relayed TCP connection: a client socket, a server socket and a delay line each way. */
class RelayedConnection {
  readonly client: Socket;
  readonly server: Socket;
  readonly toServer: DelayLine;
  readonly toClient: DelayLine;

  constructor(client: Socket, server: Socket, up: LinkShape, down: LinkShape, held: boolean) {
    this.client = client;
    this.server = server;
    const clock = () => performance.now();
    this.toServer = new DelayLine(client, server, up, clock);
    this.toClient = new DelayLine(server, client, down, clock);
    if (held) this.hold();
  }

  hold(): void {
    this.toServer.hold();
    this.toClient.hold();
  }

  release(): void {
    this.toServer.release();
    this.toClient.release();
  }

  reset(): void {
    this.toServer.stop();
    this.toClient.stop();
    this.client.resetAndDestroy();
    this.server.resetAndDestroy();
  }
}

/**
 * The relay itself, as it runs inside its own process: accepts on
 * 127.0.0.1, connects each client to the target and carries bytes through a
 * {@link DelayLine} in each direction.
 */
export class RelayServer {
  readonly #settings: RelaySettings;
  readonly #connections = new Set<RelayedConnection>();
  readonly #server: Server;
  #partitioned = false;
  #onCountChange: (count: number) => void = () => undefined;
  /** Totals of connections that are gone, so counters only grow. */
  #finished = {
    bytesToServer: 0,
    bytesToClient: 0,
    peakInFlightToServer: 0,
    peakInFlightToClient: 0,
  };

  constructor(settings: RelaySettings) {
    this.#settings = settings;
    this.#server = createServer({ allowHalfOpen: true, noDelay: true }, (client) =>
      this.#relay(client),
    );
  }

  /** Called with the number of live connections whenever it changes. */
  set onCountChange(listener: (count: number) => void) {
    this.#onCountChange = listener;
  }

  /** Listens on a free port of 127.0.0.1 and resolves with it. */
  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('relay has no port');
    return address.port;
  }

  partition(): void {
    this.#partitioned = true;
    for (const connection of this.#connections) connection.hold();
  }

  heal(): void {
    this.#partitioned = false;
    for (const connection of this.#connections) connection.release();
  }

  reset(): void {
    for (const connection of this.#connections) connection.reset();
  }

  halfClose(direction: HalfCloseDirection): void {
    for (const connection of this.#connections) {
      (direction === 'to-server' ? connection.toServer : connection.toClient).finish();
    }
  }

  counters(): RelayCounters {
    const totals = { ...this.#finished };
    for (const connection of this.#connections) addConnection(totals, connection);
    const usage = process.cpuUsage();
    return {
      ...totals,
      connectionCount: this.#connections.size,
      cpuSeconds: (usage.user + usage.system) / 1e6,
    };
  }

  /** Stops listening and resets whatever is still relayed. */
  async close(): Promise<void> {
    this.reset();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #relay(client: Socket): void {
    const { target, up, down } = this.#settings;
    client.pause();
    const server = createConnection({
      host: target.host,
      port: target.port,
      allowHalfOpen: true,
      noDelay: true,
    });
    const connection = new RelayedConnection(client, server, up, down, this.#partitioned);
    this.#connections.add(connection);
    this.#onCountChange(this.#connections.size);
    server.once('connect', () => client.resume());
    // An error on one side is passed on as a reset of the other, as a
    // middlebox that loses its state would.
    client.on('error', () => connection.reset());
    server.on('error', () => connection.reset());
    let closed = 0;
    const onClose = () => {
      closed += 1;
      if (closed < 2) return;
      if (!this.#connections.delete(connection)) return;
      connection.toServer.stop();
      connection.toClient.stop();
      addConnection(this.#finished, connection);
      this.#onCountChange(this.#connections.size);
    };
    client.once('close', onClose);
    server.once('close', onClose);
    // Both directions finished normally: nothing more to carry.
    const closeWhenBothEnded = () => {
      if (client.writableEnded && server.writableEnded) {
        client.destroy();
        server.destroy();
      }
    };
    client.on('finish', closeWhenBothEnded);
    server.on('finish', closeWhenBothEnded);
  }
}

function addConnection(
  totals: Omit<RelayCounters, 'connectionCount' | 'cpuSeconds'>,
  connection: RelayedConnection,
): void {
  totals.bytesToServer += connection.toServer.deliveredBytes;
  totals.bytesToClient += connection.toClient.deliveredBytes;
  totals.peakInFlightToServer = Math.max(
    totals.peakInFlightToServer,
    connection.toServer.peakInFlightBytes,
  );
  totals.peakInFlightToClient = Math.max(
    totals.peakInFlightToClient,
    connection.toClient.peakInFlightBytes,
  );
}
