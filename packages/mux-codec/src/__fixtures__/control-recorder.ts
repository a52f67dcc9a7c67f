import type { Socket } from 'node:net';
import { MuxDecoder } from '../mux-decoder.js';
import type { MuxMessage } from '../mux-messages.js';
import { ProxyPacketDecoder } from '../proxy-packet-decoder.js';
import type { ProxyPacket } from '../proxy-packets.js';

// A hang guard, not a speed check: generous, as CI machines can be busy.
const STEP_TIMEOUT = 30_000;

/** Drives one control connection: records every byte both ways, decodes the master's side. */
export class ControlRecorder {
  readonly sent: Uint8Array[] = [];
  readonly received: Uint8Array[] = [];
  private mux: MuxDecoder | undefined = new MuxDecoder();
  private readonly proxy = new ProxyPacketDecoder();
  private readonly inbox: (MuxMessage | ProxyPacket)[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received.push(Uint8Array.from(chunk));
      try {
        this.accept(chunk);
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
      }
      this.wake?.();
    });
    socket.on('close', () => {
      this.failure ??= new Error('control socket closed');
      this.wake?.();
    });
  }

  private accept(chunk: Uint8Array): void {
    if (this.mux === undefined) {
      this.inbox.push(...this.proxy.push(chunk));
      return;
    }
    const mux = this.mux;
    for (const message of mux.push(chunk)) {
      this.inbox.push(message);
      if (message.type === 'MUX_S_PROXY') {
        const rest = mux.takeRemainder();
        this.mux = undefined;
        this.inbox.push(...this.proxy.push(rest));
      }
    }
  }

  send(frame: Uint8Array): void {
    this.sent.push(frame);
    this.socket.write(frame);
  }

  /** Waits for the next message of `type`, keeping the others in order for later waits. */
  async next<Type extends (MuxMessage | ProxyPacket)['type']>(
    type: Type,
    matches: (message: Extract<MuxMessage | ProxyPacket, { type: Type }>) => boolean = () => true,
  ): Promise<Extract<MuxMessage | ProxyPacket, { type: Type }>> {
    const deadline = Date.now() + STEP_TIMEOUT;
    for (;;) {
      const index = this.inbox.findIndex(
        (message) =>
          message.type === type &&
          matches(message as Extract<MuxMessage | ProxyPacket, { type: Type }>),
      );
      if (index !== -1) {
        return this.inbox.splice(index, 1)[0] as Extract<MuxMessage | ProxyPacket, { type: Type }>;
      }
      if (this.failure !== undefined) throw this.failure;
      if (Date.now() > deadline) {
        const pending = this.inbox.map((message) => message.type).join(', ');
        throw new Error(`timed out waiting for ${type}; unclaimed: [${pending}]`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
