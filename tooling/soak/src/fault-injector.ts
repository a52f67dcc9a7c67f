import { setTimeout as sleep } from 'node:timers/promises';
import type { LinkRelay } from '@openssh-ts/link-relay';
import type { SoakTally } from './soak-tally.js';

function between(low: number, high: number): number {
  return low + Math.random() * (high - low);
}

/**
 * Injects a fault at random every few seconds until `deadline`: a
 * partition (healed after 0.3-4 s, so some outlast the detection bound and
 * some do not), a reset, or a half-close either way.
 */
export async function injectFaults(
  relay: LinkRelay,
  tally: SoakTally,
  deadline: number,
): Promise<void> {
  for (;;) {
    await sleep(between(3000, 10_000));
    if (Date.now() > deadline - 5000) return;
    const choice = Math.floor(Math.random() * 4);
    if (choice === 0) {
      const ended = tally.faultStarted('partition');
      await relay.partition();
      await sleep(between(300, 4000));
      await relay.heal();
      ended();
    } else if (choice === 1) {
      tally.faultStarted('reset')();
      await relay.reset();
    } else {
      const direction = choice === 2 ? 'to-server' : 'to-client';
      tally.faultStarted(`half-close ${direction}`)();
      await relay.halfClose(direction);
    }
  }
}
