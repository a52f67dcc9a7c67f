// In-process tunnels: a connection from the server to a target handed over
// as a Duplex (no local listener), and a listener on the server whose
// connections are handed to a callback here. The types every transport
// with the `tunnels` capability implements.
import type { Duplex } from 'node:stream';

/** Where a tunnel leads from the server: a TCP host and port, or a Unix socket path. */
export type TunnelTarget =
  | {
      /** The host the server connects to (resolved on the server). */
      readonly host: string;
      /** The TCP port the server connects to. */
      readonly port: number;
      /** Reported to the server as the originator (RFC 4254 §7.2); default 127.0.0.1 port 0. */
      readonly originator?: {
        /** Originator address as reported. */
        readonly host: string;
        /** Originator port as reported. */
        readonly port: number;
      };
    }
  | {
      /** A Unix socket path on the server (direct-streamlocal@openssh.com). */
      readonly path: string;
    };

/** Where a forwarded connection came from, as far as the transport knows. */
export interface ForwardedOrigin {
  /** The address the server accepted the connection on, and its port. */
  readonly connectedAddress: string;
  /** The port the server accepted the connection on. */
  readonly connectedPort: number;
  /** The peer that connected to the server; empty and 0 when the transport cannot tell. */
  readonly originatorAddress: string;
  /** The peer's port; 0 when the transport cannot tell. */
  readonly originatorPort: number;
}

/** Receives each connection a remote listener accepted. */
export type ForwardedConnectionHandler = (connection: Duplex, origin: ForwardedOrigin) => void;

/** Where a remote listener listens: a TCP address and port (0: the server picks). */
export interface RemoteListenAddress {
  /** The address the server listens on, e.g. `127.0.0.1`. */
  readonly host: string;
  /** The TCP port; 0 lets the server pick. */
  readonly port: number;
}

/** A listener on the server set up by `Session.listenRemote`. */
export interface RemoteListener {
  /** The port the server listens on (the one asked for, or the one it picked for 0). */
  readonly port: number;
  /** Stops handing connections over; later connections are refused. */
  close(): Promise<void>;
}
