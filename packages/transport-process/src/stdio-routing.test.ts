import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { routeOutput } from './stdio-routing.js';

function sink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

describe('routeOutput', () => {
  it('is delivered when a routed source ends', async () => {
    const source = new PassThrough();
    const { exposed, delivered } = routeOutput(source, sink());
    expect(exposed).toBeNull();
    source.end('bytes');
    await delivered;
  });

  it('is delivered at once for a source that had ended before it was routed', async () => {
    for (const option of ['null', sink()] as const) {
      const source = new PassThrough();
      source.end();
      source.resume();
      await new Promise((resolve) => source.once('close', resolve));
      await routeOutput(source, option).delivered;
    }
  });

  it('exposes a piped source as it is', () => {
    const source = new PassThrough();
    expect(routeOutput(source, 'pipe').exposed).toBe(source);
  });
});
