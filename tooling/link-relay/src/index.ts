/**
 * A loopback relay that emulates a link — one-way delay per direction, an
 * optional rate limit, a bound on bytes in flight — and injects faults
 * (partition, reset, half-close) on command, for tests and benchmarks.
 *
 * @packageDocumentation
 */
export {
  DEFAULT_IN_FLIGHT_BYTES,
  relaySettings,
  startLinkRelay,
  type LinkRelay,
  type LinkRelayOptions,
  type LinkRelayStats,
} from './link-relay.js';
export type { HalfCloseDirection, RelaySettings } from './messages.js';
export type { LinkShape } from './delay-line.js';
