// What the test process and the relay process say to each other over the
// child's IPC channel. Both ends are ours, but the shapes are still checked:
// a mismatch after an edit should fail loudly, not hang a test.
import type { LinkShape } from './delay-line.js';

/** Which direction of every connection `halfClose` ends. */
export type HalfCloseDirection = 'to-server' | 'to-client';

/** Everything the relay process needs to start. */
export interface RelaySettings {
  readonly target: { readonly host: string; readonly port: number };
  /** Client to server. */
  readonly up: LinkShape;
  /** Server to client. */
  readonly down: LinkShape;
}

/** Counters the relay keeps; bytes are those delivered, over every connection so far. */
export interface RelayCounters {
  bytesToServer: number;
  bytesToClient: number;
  /** The most bytes one connection held at once toward the server. */
  peakInFlightToServer: number;
  /** The most bytes one connection held at once toward the client. */
  peakInFlightToClient: number;
  connectionCount: number;
  /** CPU time (user + system) of the relay process since it started. */
  cpuSeconds: number;
}

/** A command from the test process. */
export type RelayCommand =
  | { readonly id: number; readonly type: 'partition' | 'heal' | 'reset' | 'stats' | 'close' }
  | { readonly id: number; readonly type: 'half-close'; readonly direction: HalfCloseDirection };

/** A message from the relay process. */
export type RelayEvent =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'connections'; readonly count: number }
  | { readonly type: 'done'; readonly id: number; readonly counters: RelayCounters }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks a message from the relay process. */
export function parseRelayEvent(message: unknown): RelayEvent {
  if (isRecord(message)) {
    const { type } = message;
    if (type === 'listening' && typeof message['port'] === 'number') {
      return { type, port: message['port'] };
    }
    if (type === 'connections' && typeof message['count'] === 'number') {
      return { type, count: message['count'] };
    }
    if (type === 'done' && typeof message['id'] === 'number' && isRecord(message['counters'])) {
      return { type, id: message['id'], counters: message['counters'] as unknown as RelayCounters };
    }
    if (type === 'failed' && typeof message['id'] === 'number') {
      return { type, id: message['id'], message: String(message['message']) };
    }
  }
  throw new Error(`unexpected message from the link relay: ${JSON.stringify(message)}`);
}

/** Checks a command from the test process. */
export function parseRelayCommand(message: unknown): RelayCommand {
  if (isRecord(message) && typeof message['id'] === 'number') {
    const { id, type } = message;
    switch (type) {
      case 'partition':
      case 'heal':
      case 'reset':
      case 'stats':
      case 'close':
        return { id, type };
      case 'half-close': {
        const { direction } = message;
        if (direction === 'to-server' || direction === 'to-client') return { id, type, direction };
        break;
      }
      default:
        break;
    }
  }
  throw new Error(`unexpected command for the link relay: ${JSON.stringify(message)}`);
}
