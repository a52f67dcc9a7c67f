import type { Log } from './runner.js';

type Action = () => Promise<void> | void;

/**
 * Everything a run must undo — sshd, ControlMasters, temp directories —
 * registered as it is created and undone in reverse order, on success, on
 * failure and on Ctrl-C alike.
 */
export class Cleanup {
  readonly #actions: { label: string; action: Action }[] = [];
  #running: Promise<void> | undefined;

  /** Whether undoing has begun: nothing new should be started then. */
  get stopping(): boolean {
    return this.#running !== undefined;
  }

  /** Registers an action; later registrations are undone first. */
  add(label: string, action: Action): void {
    this.#actions.push({ label, action });
  }

  /** Undoes everything once; later calls wait for the same pass. Errors are logged, not thrown. */
  run(log: Log): Promise<void> {
    this.#running ??= (async () => {
      for (let entry = this.#actions.pop(); entry !== undefined; entry = this.#actions.pop()) {
        try {
          await entry.action();
        } catch (error) {
          log(
            `cleanup of ${entry.label} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    })();
    return this.#running;
  }
}

/**
 * On SIGINT, SIGTERM or SIGHUP: undo everything, then exit with 128 + the
 * signal number. A second signal while cleaning up exits at once; the
 * harness' own exit hook still kills its sshd then.
 */
export function cleanUpOnSignals(cleanup: Cleanup, log: Log): () => void {
  const numbers = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
  let received = false;
  const handlers = Object.entries(numbers).map(([name, number]) => {
    const handler = (): void => {
      if (received) process.exit(128 + number);
      received = true;
      // The terminal or pnpm may be gone already: a write to a closed pipe
      // must not crash the process before it has cleaned up.
      process.stdout.on('error', () => undefined);
      process.stderr.on('error', () => undefined);
      log(`${name}: cleaning up…`);
      void cleanup.run(log).finally(() => process.exit(128 + number));
    };
    process.on(name, handler);
    return { name, handler };
  });
  return () => {
    for (const { name, handler } of handlers) process.off(name, handler);
  };
}
