import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RemoteChild } from './remote-child.js';
import type { Session } from './session.js';
import { SshError } from './ssh-error.js';
import type { TransportChild, TransportExit } from './transport.js';

function fakeChild(exit: Promise<TransportExit>): TransportChild & {
  stdout: PassThrough;
  stderr: PassThrough;
  disconnected: boolean;
  disconnectReason: Error | undefined;
} {
  const child = {
    stdin: null,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    disconnected: false,
    disconnectReason: undefined as Error | undefined,
    wait: () => exit,
    kill: () => Promise.reject(new SshError('unsupported', 'no signals')),
    disconnect: (reason?: Error) => {
      child.disconnected = true;
      child.disconnectReason = reason;
    },
  };
  return child;
}

function remoteChild(child: TransportChild, signal?: AbortSignal): RemoteChild {
  return new RemoteChild({
    child,
    session: {} as Session,
    commandText: "cmd 'x'",
    signal,
    canSignal: false,
  });
}

describe('RemoteChild', () => {
  it('drains stdout and stderr concurrently, whatever order they fill in', async () => {
    const child = fakeChild(Promise.resolve({ code: 0, signal: null, coreDumped: false }));
    const waiting = remoteChild(child).waitWithOutput();
    child.stderr.end(Buffer.alloc(1 << 20, 1));
    child.stdout.end('out');
    const output = await waiting;
    expect(output.stdout.toString()).toBe('out');
    expect(output.stderr.length).toBe(1 << 20);
    expect(output.status).toEqual({ code: 0, signal: null, coreDumped: false, success: true });
  });

  it('reports exit 127 as remote/not-found with the command and the output so far', async () => {
    const child = fakeChild(Promise.resolve({ code: 127, signal: null, coreDumped: false }));
    const waiting = remoteChild(child).waitWithOutput();
    child.stdout.end();
    child.stderr.end('sh: 1: nope: not found\n');
    const error = await waiting.catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      kind: 'remote',
      reason: 'not-found',
      command: "cmd 'x'",
      exitCode: 127,
    });
    expect(SshError.isInstance(error) && error.stderr?.toString()).toBe('sh: 1: nope: not found\n');
  });

  it('on abort disconnects and rejects with the signal reason', async () => {
    let finish: (exit: TransportExit) => void = () => undefined;
    const child = fakeChild(new Promise((resolve) => (finish = resolve)));
    const controller = new AbortController();
    const remote = remoteChild(child, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await new Promise((resolve) => setImmediate(resolve));
    expect(child.disconnected).toBe(true);
    finish({ code: 0, signal: null, coreDumped: false });
    await expect(remote.wait()).rejects.toBe(reason);
  });

  it("hands the transport wait()'s own error for what a stop cuts off: the abort reason, or disconnected", async () => {
    const pending = (): Promise<TransportExit> => new Promise(() => undefined);
    const aborted = fakeChild(pending());
    const controller = new AbortController();
    remoteChild(aborted, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await new Promise((resolve) => setImmediate(resolve));
    expect(aborted.disconnectReason).toBe(reason);

    // Not an Error: the transport keeps its own `disconnected`.
    const odd = fakeChild(pending());
    const oddController = new AbortController();
    remoteChild(odd, oddController.signal);
    oddController.abort('why');
    await new Promise((resolve) => setImmediate(resolve));
    expect(odd.disconnected).toBe(true);
    expect(odd.disconnectReason).toBeUndefined();

    let finish: (exit: TransportExit) => void = () => undefined;
    const dropped = fakeChild(new Promise((resolve) => (finish = resolve)));
    const remote = remoteChild(dropped);
    remote.disconnect();
    await new Promise((resolve) => setImmediate(resolve));
    finish({ code: 0, signal: null, coreDumped: false });
    const error = await remote.wait().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'disconnected' });
    expect(dropped.disconnectReason).toBe(error);
  });

  it('adds the command to transport errors and passes kill errors on', async () => {
    const child = fakeChild(Promise.reject(new SshError('disconnected', 'gone')));
    const remote = remoteChild(child);
    await expect(remote.wait()).rejects.toMatchObject({ kind: 'disconnected', command: "cmd 'x'" });
    await expect(remote.kill('SIGTERM')).rejects.toMatchObject({ kind: 'unsupported' });
  });
});
