import { describe, expect, it } from 'vitest';
import { childExitingWith, commandOn } from './command-host.fixture.js';
import { SshError } from './ssh-error.js';
import type { TerminalSize, TransportChild } from './transport.js';

/** A transport child that records resizes; `resize` is left out when `canResize` is false. */
function fakeChild(canResize: boolean): TransportChild & { sizes: TerminalSize[] } {
  const sizes: TerminalSize[] = [];
  return {
    ...childExitingWith(),
    sizes,
    ...(canResize ? { resize: (size: TerminalSize) => void sizes.push(size) } : {}),
  };
}

/** What `action` throws, to match with toMatchObject. */
function thrownBy(action: () => void): SshError {
  try {
    action();
  } catch (error) {
    if (SshError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

const PTY = { term: 'xterm', columns: 80, rows: 24 };

describe('RemoteChild.resize', () => {
  it('hands the transport the size with unknown pixel sizes as 0', async () => {
    const child = fakeChild(true);
    const remote = await commandOn(child).pty(PTY).spawn();
    remote.resize({ columns: 132, rows: 50 });
    remote.resize({ columns: 1, rows: 1, widthPixels: 640, heightPixels: 480 });
    expect(child.sizes).toEqual([
      { columns: 132, rows: 50, widthPixels: 0, heightPixels: 0 },
      { columns: 1, rows: 1, widthPixels: 640, heightPixels: 480 },
    ]);
  });

  it('refuses a size the server would cut, before the transport sees it', async () => {
    const child = fakeChild(true);
    const remote = await commandOn(child).pty(PTY).spawn();
    expect(thrownBy(() => remote.resize({ columns: 70_000, rows: 50 })).kind).toBe(
      'invalid-command',
    );
    expect(thrownBy(() => remote.resize({ columns: 80, rows: 0 })).kind).toBe('invalid-command');
    expect(child.sizes).toEqual([]);
  });

  it('is unsupported for a command spawned without a pty', async () => {
    const child = fakeChild(true);
    const remote = await commandOn(child).spawn();
    const error = thrownBy(() => remote.resize({ columns: 132, rows: 50 }));
    expect(error).toMatchObject({ kind: 'unsupported', command: 'top' });
    expect(error.message).toContain('pty()');
    expect(child.sizes).toEqual([]);
  });

  it('is unsupported on a transport without resize, such as one written before it existed', async () => {
    const remote = await commandOn(fakeChild(false)).pty(PTY).spawn();
    const error = thrownBy(() => remote.resize({ columns: 132, rows: 50 }));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toContain('transport');
  });

  it("passes the transport's errors on with the command attached", async () => {
    const child = fakeChild(true);
    child.resize = () => {
      throw new SshError('disconnected', 'the connection to the master was lost');
    };
    const remote = await commandOn(child).pty(PTY).spawn();
    expect(thrownBy(() => remote.resize({ columns: 132, rows: 50 }))).toMatchObject({
      kind: 'disconnected',
      command: 'top',
    });
  });
});

describe('Command.pty', () => {
  it('refuses a size the server would cut, as resize does', () => {
    const command = commandOn(fakeChild(true));
    const error = thrownBy(() => command.pty({ term: 'xterm', columns: 80, rows: 0x10000 }));
    expect(error.kind).toBe('invalid-command');
    expect(error.message).toContain('pty');
    const fraction = { term: 'xterm', columns: 80, rows: 24, widthPixels: 1.5 };
    expect(thrownBy(() => command.pty(fraction)).kind).toBe('invalid-command');
  });
});
