import { connect } from 'node:net';

/**
 * How long a master that accepted our connection may take to greet us. A
 * master running its event loop answers in microseconds; the bound only
 * keeps a wedged one from holding an output's end for ever.
 */
const GREETING_TIMEOUT_MS = 5_000;

/**
 * Whether a master is serving its control socket: it greets every new
 * connection with `MUX_MSG_HELLO` at once, before reading anything
 * (channels.c channel_post_mux_listener calls mux_master_read_cb, which
 * queues the hello). A master that has left its event loop — exiting after
 * its connection failed — cannot, even while its listening socket still
 * exists. Nothing is sent, so the master just sees a client that left.
 */
export function masterGreets(
  controlSocket: string,
  timeoutMs: number = GREETING_TIMEOUT_MS,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(controlSocket);
    const settle = (greeted: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(greeted);
    };
    const timer = setTimeout(() => settle(false), timeoutMs);
    socket.once('data', () => settle(true));
    socket.once('error', () => settle(false));
    socket.once('close', () => settle(false));
  });
}
