import { describe, expect, it } from 'vitest';
import { SessionGate } from './session-gate.js';

const refusal = Object.assign(new Error('open failed'), { reason: 2 });
const isRefusal = (error: unknown): boolean => error === refusal;

describe('SessionGate', () => {
  it('queues opens past a refusal and runs them as sessions end, failing none', async () => {
    const gate = new SessionGate();
    let open = 0;
    const allowed = 3;
    const session = (): Promise<void> => {
      if (open >= allowed) return Promise.reject(refusal);
      open += 1;
      return Promise.resolve();
    };
    const finished: number[] = [];
    const runs = Array.from({ length: 12 }, (_, index) =>
      gate.run(session, isRefusal).then(async () => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        open -= 1;
        finished.push(index);
        gate.release();
      }),
    );
    await Promise.all(runs);
    expect(finished).toHaveLength(12);
  });

  it('gives up after a few refusals while none of its own sessions is open', async () => {
    const gate = new SessionGate();
    await expect(gate.run(() => Promise.reject(refusal), isRefusal)).rejects.toBe(refusal);
  });

  it('passes other failures through and frees the slot', async () => {
    const gate = new SessionGate();
    const other = new Error('other');
    await expect(gate.run(() => Promise.reject(other), isRefusal)).rejects.toBe(other);
    await expect(gate.run(() => Promise.resolve('ok'), isRefusal)).resolves.toBe('ok');
  });
});
