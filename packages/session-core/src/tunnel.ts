// In-process tunnels: a connection from the server to a target handed over
// as a Duplex (no local listener), and a listener on the server whose
// connections are handed to a callback here. The types every transport
// with the `tunnels` capability implements.
import type { Duplex } from 'node:stream';

/** Where a tunnel leads from the server: a TCP host and port, or a Unix socket path. */
export type TunnelTarget =
  | {
      readonly host: string;
      readonly port: number;
      /** Reported to the server as the originator (RFC 4254 §7.2); default 127.0.0.1 port 0. */
      readonly originator?: { readonly host: string; readonly port: number };
    }
  | { readonly path: string };

/** Where a forwarded connection came from, as far as the transport knows. */
export interface ForwardedOrigin {
  /** The address the server accepted the connection on, and its port. */
  readonly connectedAddress: string;
  readonly connectedPort: number;
  /** The peer that connected to the server; empty and 0 when the transport cannot tell. */
  readonly originatorAddress: string;
  readonly originatorPort: number;
}

/** Receives each connection a remote listener accepted. */
export type ForwardedConnectionHandler = (connection: Duplex, origin: ForwardedOrigin) => void;

/** Where a remote listener listens: a TCP address and port (0: the server picks). */
export interface RemoteListenAddress {
  readonly host: string;
  readonly port: number;
}

/** A listener on the server set up by `Session.listenRemote`. */
export interface RemoteListener {
  /** The port the server listens on (the one asked for, or the one it picked for 0). */
  readonly port: number;
  /** Stops handing connections over; later connections are refused. */
  close(): Promise<void>;
}
