import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LinkShape } from './delay-line.js';
import {
  parseRelayEvent,
  type HalfCloseDirection,
  type RelayCommand,
  type RelayCounters,
  type RelaySettings,
} from './messages.js';

/** Default bound on bytes in flight per direction and connection: 16 MiB. */
export const DEFAULT_IN_FLIGHT_BYTES = 16 << 20;

/** How to start a relay. */
export interface LinkRelayOptions {
  /** Where every accepted connection is relayed to (a loopback address). */
  readonly target: { readonly host: string; readonly port: number };
  /** One-way delay in ms, the same both ways (RTT = 2 × delayMs), or per direction. */
  readonly delayMs?: number | { readonly up: number; readonly down: number };
  /** Rate limit per direction in Mbit/s (10^6 bits). Default: none. */
  readonly rateMbitPerSecond?: number;
  /** Bound on bytes in flight per direction of each connection, like a TCP window. */
  readonly inFlightBytes?: number;
  /**
   * Scheduling priority (nice value, -20..19) of the relay process. A
   * negative one keeps the emulated link's timing when the machine is loaded
   * (the bench asks for -10); it needs root and is skipped without.
   */
  readonly priority?: number;
}

/** What {@link LinkRelay.stats} reports. */
export type LinkRelayStats = Readonly<RelayCounters>;

/** A running relay; see {@link startLinkRelay}. */
export interface LinkRelay extends AsyncDisposable {
  /** Where clients connect: always 127.0.0.1. */
  readonly host: string;
  readonly port: number;
  /** The target's port, the one the harness known_hosts names. */
  readonly targetPort: number;
  /**
   * `-o` options that send an ssh client configured for the target (e.g.
   * `ssh -F <sshd.sshConfigFile> <alias>`) through the relay, with strict host
   * key checking intact: `Port=<relay port>` and `HostKeyAlias=[host]:<target port>`.
   */
  readonly sshOptions: readonly string[];
  /** Live relayed connections, as last reported by the relay process. */
  readonly connectionCount: number;
  /** Stalls both directions of every connection (and of new ones): bytes are held, sockets stay open. */
  partition(): Promise<void>;
  /** Ends the partition; held bytes arrive one delay later, in order. */
  heal(): Promise<void>;
  /** Resets every relayed connection on both sides (RST). */
  reset(): Promise<void>;
  /** Sends FIN in one direction of every connection after what is in flight; the other keeps flowing. */
  halfClose(direction: HalfCloseDirection): Promise<void>;
  /** Counters and the relay process's own CPU time. */
  stats(): Promise<LinkRelayStats>;
  /** Resets what is still relayed, stops listening and ends the relay process. */
  close(): Promise<void>;
}

function checkedNumber(name: string, value: number, minimum: number): number {
  if (!Number.isFinite(value) || value < minimum) {
    throw new RangeError(`link relay: ${name} must be a finite number >= ${minimum}, got ${value}`);
  }
  return value;
}

/** Turns options into the settings the relay process reads, refusing nonsense early. */
export function relaySettings(options: LinkRelayOptions): RelaySettings {
  const delay = options.delayMs ?? 0;
  const [upDelay, downDelay] = typeof delay === 'number' ? [delay, delay] : [delay.up, delay.down];
  const rate =
    options.rateMbitPerSecond === undefined
      ? undefined
      : checkedNumber('rateMbitPerSecond', options.rateMbitPerSecond, Number.MIN_VALUE);
  const inFlightBytes = checkedNumber(
    'inFlightBytes',
    options.inFlightBytes ?? DEFAULT_IN_FLIGHT_BYTES,
    1,
  );
  const shape = (delayMs: number, name: string): LinkShape => ({
    delayMs: checkedNumber(name, delayMs, 0),
    rateMbitPerSecond: rate,
    inFlightBytes,
  });
  const { host, port } = options.target;
  checkedNumber('target.port', port, 1);
  return {
    target: { host, port },
    up: shape(upDelay, 'delayMs.up'),
    down: shape(downDelay, 'delayMs.down'),
  };
}

function relayProcessArguments(): string[] {
  const here = import.meta.url;
  const entry = fileURLToPath(new URL('./relay-process.ts', here));
  // The relay ships as TypeScript source (a private tool); tsx runs it.
  const loader = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return ['--import', loader, entry];
}

class RunningRelay implements LinkRelay {
  readonly host = '127.0.0.1';
  readonly port: number;
  readonly targetPort: number;
  readonly sshOptions: readonly string[];
  readonly #child: ChildProcess;
  readonly #pending = new Map<
    number,
    { resolve: (counters: RelayCounters) => void; reject: (error: Error) => void }
  >();
  #nextId = 1;
  #connectionCount = 0;
  #exited: Promise<void>;
  #closed = false;

  constructor(child: ChildProcess, port: number, target: RelaySettings['target']) {
    this.#child = child;
    this.port = port;
    this.targetPort = target.port;
    this.sshOptions = [`Port=${port}`, `HostKeyAlias=[${target.host}]:${target.port}`];
    this.#exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    child.on('message', (message) => {
      const event = parseRelayEvent(message);
      if (event.type === 'connections') this.#connectionCount = event.count;
      if (event.type !== 'done' && event.type !== 'failed') return;
      const waiter = this.#pending.get(event.id);
      this.#pending.delete(event.id);
      if (event.type === 'done') {
        this.#connectionCount = event.counters.connectionCount;
        waiter?.resolve(event.counters);
      } else waiter?.reject(new Error(`link relay: ${event.message}`));
    });
    child.once('exit', (code, signal) => {
      const error = new Error(`link relay process ended (${signal ?? `exit ${String(code)}`})`);
      for (const waiter of this.#pending.values()) waiter.reject(error);
      this.#pending.clear();
    });
  }

  get connectionCount(): number {
    return this.#connectionCount;
  }

  #command(type: Exclude<RelayCommand['type'], 'half-close'>): Promise<RelayCounters>;
  #command(type: 'half-close', direction: HalfCloseDirection): Promise<RelayCounters>;
  #command(type: RelayCommand['type'], direction?: HalfCloseDirection): Promise<RelayCounters> {
    if (!this.#child.connected) return Promise.reject(new Error('link relay is closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#child.send({ id, type, direction });
    });
  }

  async partition(): Promise<void> {
    await this.#command('partition');
  }

  async heal(): Promise<void> {
    await this.#command('heal');
  }

  async reset(): Promise<void> {
    await this.#command('reset');
  }

  async halfClose(direction: HalfCloseDirection): Promise<void> {
    await this.#command('half-close', direction);
  }

  stats(): Promise<LinkRelayStats> {
    return this.#command('stats');
  }

  async close(): Promise<void> {
    if (this.#closed) return this.#exited;
    this.#closed = true;
    try {
      await this.#command('close');
    } catch {
      // Already gone: the exit below is what matters.
    }
    if (this.#child.exitCode === null && this.#child.signalCode === null)
      this.#child.kill('SIGTERM');
    await this.#exited;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Starts a relay in a process of its own, listening on a free port of
 * 127.0.0.1 and forwarding each connection to `target` through an emulated
 * link: a one-way delay per direction, an optional rate limit and a bound on
 * bytes in flight. Faults are injected on command.
 */
export async function startLinkRelay(options: LinkRelayOptions): Promise<LinkRelay> {
  const settings = relaySettings(options);
  const child = spawn(process.execPath, [...relayProcessArguments(), JSON.stringify(settings)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  if (options.priority !== undefined && child.pid !== undefined) {
    try {
      setPriority(child.pid, options.priority);
    } catch {
      // Not permitted (not root): the relay runs at the default priority.
    }
  }
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-2000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      const event = parseRelayEvent(message);
      if (event.type !== 'listening') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(event.port);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(
        new Error(
          `link relay did not start (${signal ?? `exit ${String(code)}`}): ${stderr.trim()}`,
        ),
      );
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', reject);
  });
  return new RunningRelay(child, port, settings.target);
}
