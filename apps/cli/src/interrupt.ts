// Ctrl-C handling shared by every command. The first SIGINT (or SIGTERM,
// SIGHUP) aborts the command's AbortSignal so it can stop the remote side and
// close its ControlMaster; a second one exits at once (the harness and
// session-core still clean up in their 'exit' hooks).
import { setMaxListeners, type EventEmitter } from 'node:events';
import { INTERRUPT_EXIT_CODE } from './exit-code.js';

/** The reason an interrupted command's signal carries. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';

  /** @param signalName - the signal received, e.g. `SIGINT`. */
  constructor(readonly signalName: string) {
    super(`interrupted by ${signalName}`);
  }
}

/** What {@link handleInterrupts} hands back. */
export interface InterruptHandle extends Disposable {
  /** Aborted on the first interrupt, with an {@link InterruptedError}. */
  readonly signal: AbortSignal;
}

/** The parts of `process` this module touches, so tests can pass a fake. */
export interface InterruptTarget extends Pick<EventEmitter, 'on' | 'off'> {
  exit(code?: number): never;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Installs the handlers until disposed.
 *
 * @param onFirst - called on the first interrupt (e.g. to print "stopping…").
 */
export function handleInterrupts(
  onFirst: (signalName: string) => void = () => undefined,
  target: InterruptTarget = process,
): InterruptHandle {
  const controller = new AbortController();
  // Every remote command of a run listens on this one signal (the demo and
  // `run` start hundreds); that is fan-out, not a leak.
  setMaxListeners(0, controller.signal);
  const listeners = SIGNALS.map((signalName) => {
    const listener = (): void => {
      if (controller.signal.aborted) target.exit(INTERRUPT_EXIT_CODE);
      controller.abort(new InterruptedError(signalName));
      onFirst(signalName);
    };
    target.on(signalName, listener);
    return { signalName, listener };
  });
  return {
    signal: controller.signal,
    [Symbol.dispose]() {
      for (const { signalName, listener } of listeners) target.off(signalName, listener);
    },
  };
}

/** Whether an error is (or was caused by) an interrupt. */
export function isInterrupt(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 8; depth += 1) {
    if (current instanceof InterruptedError) return true;
    current = current.cause;
  }
  return false;
}
