import { describe, expect, it } from 'vitest';
import { runOnChannels } from './parallel-transfer.js';
import type { TransferContext } from './transfer-settings.js';

const context = (name: string): TransferContext => ({ name }) as unknown as TransferContext;

describe('runOnChannels', () => {
  it('does not wait for an extra channel that never opens', async () => {
    const ran: string[] = [];
    const never = new Promise<TransferContext | undefined>(() => undefined);
    await runOnChannels(
      context('main'),
      [never],
      undefined,
      () => true,
      (channel) => {
        ran.push((channel as unknown as { name: string }).name);
        return Promise.resolve();
      },
    );
    expect(ran).toEqual(['main']);
  });

  it('aborts the others on the first failure and rethrows it once all stopped', async () => {
    const stopped: string[] = [];
    const failure = new Error('extra died');
    const result = runOnChannels(
      context('main'),
      [Promise.resolve(context('extra'))],
      undefined,
      () => true,
      async (channel, main, signal) => {
        if (!main) throw failure;
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        stopped.push('main');
        throw new Error('aborted');
      },
    );
    await expect(result).rejects.toBe(failure);
    expect(stopped).toEqual(['main']);
  });

  it("the caller's abort reaches every channel", async () => {
    const controller = new AbortController();
    const result = runOnChannels(
      context('main'),
      [],
      controller.signal,
      () => true,
      (_channel, _main, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
        ),
    );
    controller.abort(new Error('stop'));
    await expect(result).rejects.toThrow('stop');
  });
});
