import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { attachEachTest, execTarget } from './attached-transport.fixture.js';

const attached = attachEachTest();
const exec = execTarget;

describe('native transport: commands over proxy mode', () => {
  it('runs a command and reports stdout, stderr and the exit code', async () => {
    const child = await attached.transport.spawn({
      target: exec('echo out; echo err >&2; exit 3'),
      stdin: 'null',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [stdout, stderr, exit] = await Promise.all([
      text(child.stdout!),
      text(child.stderr!),
      child.wait(),
    ]);
    expect({ stdout, stderr }).toEqual({ stdout: 'out\n', stderr: 'err\n' });
    expect(exit).toEqual({ code: 3, signal: null, coreDumped: false });
  });

  it('feeds stdin and sends EOF when it ends', async () => {
    const child = await attached.transport.spawn({
      target: exec('tr a-z A-Z'),
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'null',
    });
    child.stdin!.end('hello over proxy mode');
    expect(await text(child.stdout!)).toBe('HELLO OVER PROXY MODE');
    expect((await child.wait()).code).toBe(0);
  });

  it('reports a remote signal and delivers kill() as a signal request', async () => {
    const killed = await attached.transport.spawn({
      target: exec('kill -TERM $$'),
      stdin: 'null',
      stdout: 'null',
      stderr: 'null',
    });
    expect(await killed.wait()).toMatchObject({ code: null, signal: 'TERM' });
    const sleeper = await attached.transport.spawn({
      target: exec('exec sleep 30'),
      stdin: 'null',
      stdout: 'null',
      stderr: 'null',
    });
    await sleeper.kill('INT');
    expect(await sleeper.wait()).toMatchObject({ code: null, signal: 'INT' });
  });
});
