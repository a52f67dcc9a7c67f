import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { childExitingWith } from './command-host.fixture.js';
import { RemoteChild } from './remote-child.js';
import type { Session } from './session.js';
import type { TransportChild, TransportExit } from './transport.js';

function finishedChild(): { child: TransportChild; finish: (exit: TransportExit) => void } {
  let finish: (exit: TransportExit) => void = () => undefined;
  const exited = new Promise<TransportExit>((resolve) => {
    finish = resolve;
  });
  return { child: childExitingWith(exited), finish };
}

describe('RemoteChild and a shared AbortSignal', () => {
  it('removes its abort listener once the process has ended', async () => {
    const controller = new AbortController();
    const children = Array.from({ length: 50 }, () => finishedChild());
    const remote = children.map(
      ({ child }) =>
        new RemoteChild({
          child,
          session: {} as Session,
          commandText: 'true',
          signal: controller.signal,
          canSignal: false,
        }),
    );
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(50);
    for (const { finish } of children) finish({ code: 0, signal: null, coreDumped: false });
    await Promise.all(remote.map((child) => child.wait()));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
